// Each call of a closure factory captures a fresh variable, so the returned counters are independent.
package main

import "fmt"

func makeCounter(step int) func() int {
	n := 0
	return func() int {
		n += step
		return n
	}
}

func main() {
	byOne := makeCounter(1)
	byTen := makeCounter(10)
	fmt.Println(byOne(), byOne(), byOne())
	fmt.Println(byTen(), byTen())
	fmt.Println(byOne())

	shared := 0
	add := func(k int) { shared += k }
	add(5)
	add(7)
	fmt.Println("shared:", shared)
}
