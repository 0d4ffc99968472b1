// time.Duration values print in Go's compact units, such as 1.5s and 250ms.
package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println(1500 * time.Millisecond)
	fmt.Println(250 * time.Millisecond)
	fmt.Println(2*time.Minute + 30*time.Second)
	fmt.Println(time.Hour)
	fmt.Println(time.Duration(0))
	fmt.Println(time.Duration(42))
	fmt.Println(1500 * time.Microsecond)

	n := 3
	wait := time.Duration(n) * 100 * time.Millisecond
	fmt.Println("wait:", wait)
	fmt.Printf("as integer nanoseconds: %d\n", wait)
	fmt.Printf("%v vs %v: %t\n", wait, time.Second, wait < time.Second)

	total := time.Duration(0)
	for _, ms := range []int{120, 380, 1000} {
		total += time.Duration(ms) * time.Millisecond
	}
	fmt.Println("total:", total)
	fmt.Printf("%T\n", total)
}
