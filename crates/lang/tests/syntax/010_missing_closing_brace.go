// The function body never closes.
package main

func main() {
	println(1)
