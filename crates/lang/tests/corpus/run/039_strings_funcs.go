// strings.Split, Join, Repeat, ToUpper and Contains transform and inspect text.
package main

import (
	"fmt"
	"strings"
)

func main() {
	csv := "red,green,,blue"
	parts := strings.Split(csv, ",")
	fmt.Println(len(parts), parts)
	fmt.Printf("%q\n", parts)

	fmt.Println(strings.Join(parts, " | "))
	fmt.Println(strings.ToUpper("gopher 1.19"))
	fmt.Println(strings.Repeat("ab", 3) + strings.Repeat("-", 5))
	fmt.Println(strings.Contains("goroutine", "rout"), strings.Contains("goroutine", "thread"))
	fmt.Println(strings.Contains("anything", ""))

	var lines []string
	for i := 1; i <= 3; i++ {
		lines = append(lines, strings.Repeat("*", i))
	}
	fmt.Println(strings.Join(lines, "\n"))
	fmt.Println(len(strings.Split("", ",")), len(strings.Split("a", "")))
}
