# SPDX-License-Identifier: GPL-2.0
# Split the KVMI round trips of a kvmi_perf_test trace (trace_clock x86-tsc
# on one CPU counting instructions) into what each task ran.
#
# A round trip starts at a vCPU exit after which the vCPU sleeps waiting
# for the tool, and ends at its next entry; if the guest faults again at
# once (RETRY: the instruction runs again), that refault is a step of its
# own.  The n-th vCPU thread that waits for the tool gets the n-th word of
# LABELS; round trips of other vCPU threads are ignored.  Prints the median
# of each step, and the trace events in the round trip (each costs some
# instructions of its own).
#
#   awk -v LABELS="pf pfreply" -f trace-steps.awk trace.txt
function pidof(t,   a, k) { k = split(t, a, "-"); return a[k] }
function median(arr, n,   i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && arr[j - 1] > arr[j]; j--) {
			t = arr[j]; arr[j] = arr[j - 1]; arr[j - 1] = t
		}
	return n ? arr[int((n + 1) / 2)] : 0
}
function finish(refault,   l, k, s) {
	phase = 0
	l = label[vid[vcpu]]
	if (l == "")
		return
	k = ++ntrips[l]
	total[l, k] = entry_ts - start + refault
	step["refault"] = refault
	step["events"] = events
	for (s in step)
		part[l, s, k] = step[s]
}
function account(who, d) {
	if (who == vcpu)
		step[woke ? "vcpu_after" : "vcpu_before"] += d
	else if (who ~ /^kvmi-recv-/)
		step["recv"] += d
	else if (who ~ /^kvmi_perf_test-/)
		step["tool"] += d
	else
		step["other"] += d
}
BEGIN {
	nl = split(LABELS, label, " ")
	nsteps = split("vcpu_before tool recv other vcpu_after refault events", names, " ")
}
{
	line = $0
	sub(/^[ #]+/, "", line)
	if (split(line, f, " ") < 5 || f[4] !~ /^[0-9]+:$/)
		next
	who = f[1]
	ts = f[4] + 0
	ev = f[5]; sub(/:$/, "", ev)

	if (phase == 3 && (ts - entry_ts > 20000 || who != vcpu))
		finish(0)
	if (phase == 1) {
		account(who, ts - last)
		events++
	} else if (phase == 3) {
		events++
	}
	last = ts

	# Another vCPU thread: this one exited for good, or several run.
	if (phase == 1 && (ev == "kvm_exit" || ev == "kvm_entry") && who != vcpu)
		phase = 0
	if (phase == 0 && ev == "kvm_exit") {
		phase = 1
		vcpu = who
		start = ts
		slept = woke = 0
		split("", step)
		events = 1
	} else if (phase == 1 && ev == "kvm_entry" && who == vcpu) {
		if (!slept) {
			phase = 0
		} else {
			phase = 3
			entry_ts = ts
		}
	} else if (phase == 1 && ev == "sched_switch" && who == vcpu &&
		   line ~ /prev_state=[DS] /) {
		# The vCPU sleeps, waiting for the tool.
		if (!(who in vid))
			vid[who] = ++nv
		slept = 1
	} else if (phase == 1 && ev == "sched_switch" && slept &&
		   line ~ ("next_pid=" pidof(vcpu) " ")) {
		woke = 1
	} else if (phase == 1 && ev == "kvm_exit" && who == vcpu) {
		# An exit without a wait before this one.
		start = ts
		split("", step)
		events = 1
	} else if (phase == 3 && ev == "kvm_exit") {
		refault_from = ts
	} else if (phase == 3 && ev == "kvm_entry") {
		finish(ts - refault_from)
	}
}
END {
	for (i = 1; i <= nl; i++) {
		l = label[i]
		if (!ntrips[l])
			continue
		for (k = 1; k <= ntrips[l]; k++)
			v[k] = total[l, k]
		printf "%-8s %3d trips: total %6d =", l, ntrips[l], median(v, ntrips[l])
		for (j = 1; j <= nsteps; j++) {
			for (k = 1; k <= ntrips[l]; k++)
				v[k] = part[l, names[j], k]
			printf " %s %d", names[j], median(v, ntrips[l])
		}
		printf "\n"
	}
}
