// A label stands right before `default`, with no statement to label.
package main

func main() {
	switch {
	case true:
	L:
	default:
	}
}
