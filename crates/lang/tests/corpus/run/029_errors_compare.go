// Errors compare by identity: a sentinel equals itself, while two errors.New calls with the same text differ.
package main

import (
	"errors"
	"fmt"
)

var ErrNotFound = errors.New("not found")

func lookup(m map[string]int, key string) (int, error) {
	v, ok := m[key]
	if !ok {
		return 0, ErrNotFound
	}
	return v, nil
}

func main() {
	stock := map[string]int{"bolts": 12}
	n, err := lookup(stock, "bolts")
	fmt.Println(n, err)
	fmt.Println("err == nil:", err == nil)

	_, err = lookup(stock, "nuts")
	fmt.Println("error:", err)
	fmt.Println("is sentinel:", err == ErrNotFound)
	fmt.Println("same text, new value:", err == errors.New("not found"))

	wrapped := fmt.Errorf("loading nuts: %v", err)
	fmt.Println(wrapped)
	fmt.Println("wrapped equals sentinel:", wrapped == ErrNotFound)

	var none error
	fmt.Printf("nil error prints as %v\n", none)
}
