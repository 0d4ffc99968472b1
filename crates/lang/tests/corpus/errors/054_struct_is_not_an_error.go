// A struct without an Error method cannot be used as an error value.
package main

import "fmt"

type Timeout struct {
	after int
}

func (t Timeout) Message() string {
	return fmt.Sprintf("timed out after %d ms", t.after)
}

func main() {
	var err error = Timeout{after: 50}
	fmt.Println(err)
}
