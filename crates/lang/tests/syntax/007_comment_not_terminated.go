// A block comment is never closed.
package main

func main() {
	/* never closed
}
