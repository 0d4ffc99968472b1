// Twelve lines each hold two expressions in a row.
package main

func main() {
	a b
	a b
	a b
	a b
	a b
	a b
	a b
	a b
	a b
	a b
	a b
	a b
}
