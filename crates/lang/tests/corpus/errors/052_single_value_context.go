// A call with two results cannot be used where one value is expected.
package main

import (
	"errors"
	"fmt"
)

func divide(a, b int) (int, error) {
	if b == 0 {
		return 0, errors.New("divide by zero")
	}
	return a / b, nil
}

func main() {
	q := divide(9, 3) + 1
	fmt.Println(q)
}
