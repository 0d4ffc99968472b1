// Panicking with an error value prints the error's text after "panic: ".
package main

import (
	"errors"
	"fmt"
)

var ErrCorrupt = errors.New("checksum mismatch")

func verify(sum, want int) error {
	if sum != want {
		return ErrCorrupt
	}
	return nil
}

func main() {
	fmt.Println("block 1:", verify(7, 7))
	if err := verify(7, 8); err != nil {
		fmt.Println("block 2:", err)
		panic(err)
	}
}
