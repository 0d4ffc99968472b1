// Switch works with a tag, without a tag, with several values per case, with an init statement and with fallthrough.
package main

import (
	"fmt"
	"strings"
)

func kind(n int) string {
	switch {
	case n < 0:
		return "negative"
	case n < 10:
		return "small"
	default:
		return "large"
	}
}

func day(d string) string {
	switch d {
	case "sat", "sun":
		return "weekend"
	}
	return "weekday"
}

func levels(n int) string {
	var got []string
	switch n {
	case 3:
		got = append(got, "three")
		fallthrough
	case 2:
		got = append(got, "two")
		fallthrough
	case 1:
		got = append(got, "one")
	case 0:
		got = append(got, "none")
	}
	return strings.Join(got, " ")
}

func main() {
	for _, n := range []int{-4, 7, 12} {
		fmt.Println(n, kind(n))
	}
	fmt.Println(day("sun"), day("sat"), day("wed"))
	for _, n := range []int{3, 1, 0, 5} {
		fmt.Printf("levels(%d): %q\n", n, levels(n))
	}
	switch r := 17 % 4; r {
	case 0:
		fmt.Println("divisible")
	default:
		fmt.Println("remainder", r)
	}
}
