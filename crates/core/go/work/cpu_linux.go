package work

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// On Linux the comparison with the simulator also learns how much of the
// machine the run had: the process's CPU time (getrusage) and the time the
// hypervisor took from the machine's CPUs (the steal column of /proc/stat).
func init() {
	processCPU = func() time.Duration {
		var usage syscall.Rusage
		if syscall.Getrusage(syscall.RUSAGE_SELF, &usage) != nil {
			return 0
		}
		return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
	}
	machineSteal = func() time.Duration {
		file, err := os.Open("/proc/stat")
		if err != nil {
			return 0
		}
		defer file.Close()
		line, err := bufio.NewReader(file).ReadString('\n')
		fields := strings.Fields(line)
		if err != nil || len(fields) < 9 || fields[0] != "cpu" {
			return 0
		}
		// Counted in USER_HZ ticks, which Linux fixes at 100 a second.
		ticks, err := strconv.ParseInt(fields[8], 10, 64)
		if err != nil {
			return 0
		}
		return time.Duration(ticks) * 10 * time.Millisecond
	}
}
