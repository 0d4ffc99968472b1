// Map iteration order is unspecified, so the keys are sorted before printing.
package main

import (
	"fmt"
	"sort"
	"strings"
)

func main() {
	text := "the quick fox and the lazy dog and the cat"
	counts := make(map[string]int)
	for _, w := range strings.Split(text, " ") {
		counts[w]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s: %d\n", k, counts[k])
	}
	fmt.Println("distinct words:", len(counts))

	total := 0
	for _, n := range counts {
		total += n
	}
	fmt.Println("total words:", total)
}
