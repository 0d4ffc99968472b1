// Integer division by a zero variable panics at run time.
package main

import "fmt"

func average(total, count int) int {
	return total / count
}

func main() {
	fmt.Println("average of 10 over 4:", average(10, 4))
	counts := []int{3, 0}
	for _, c := range counts {
		fmt.Println("dividing by", c)
		fmt.Println("result", average(12, c))
	}
}
