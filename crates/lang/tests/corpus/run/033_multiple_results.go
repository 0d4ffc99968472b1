// Functions return several results at once, and the blank identifier discards unwanted ones.
package main

import (
	"errors"
	"fmt"
)

func divmod(a, b int) (int, int) {
	return a / b, a % b
}

func minMax(xs []int) (int, int, error) {
	if len(xs) == 0 {
		return 0, 0, errors.New("empty input")
	}
	lo, hi := xs[0], xs[0]
	for _, x := range xs[1:] {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
	}
	return lo, hi, nil
}

func swap(a, b string) (string, string) { return b, a }

func main() {
	q, r := divmod(17, 5)
	fmt.Println("17/5 =", q, "remainder", r)
	q, r = divmod(-17, 5)
	fmt.Println("-17/5 =", q, "remainder", r)

	lo, hi, err := minMax([]int{4, -2, 9, 0})
	fmt.Println(lo, hi, err)
	_, _, err = minMax(nil)
	fmt.Println("error:", err)

	x, y := swap("left", "right")
	fmt.Println(x, y)
	_, onlyRem := divmod(100, 7)
	fmt.Println("only remainder:", onlyRem)
}
