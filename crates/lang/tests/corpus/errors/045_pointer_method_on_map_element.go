// A pointer-receiver method cannot be called on a map element, which is not addressable.
package main

import "fmt"

type Counter struct {
	n int
}

func (c *Counter) Inc() {
	c.n++
}

func main() {
	counters := map[string]Counter{"a": {}}
	counters["a"].Inc()
	fmt.Println(counters)
}
