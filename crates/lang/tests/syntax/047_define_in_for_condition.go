// A for loop's condition is a short variable declaration.
package main

func main() {
	for x := 1 {
	}
}
