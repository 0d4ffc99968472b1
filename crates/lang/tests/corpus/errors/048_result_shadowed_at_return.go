// A bare return is refused where a named result is shadowed by an inner declaration.
package main

import (
	"errors"
	"fmt"
)

func fetch(n int) (err error) {
	if n > 0 {
		err := errors.New("too many")
		fmt.Println(err)
		return
	}
	return nil
}

func main() {
	fmt.Println(fetch(1))
}
