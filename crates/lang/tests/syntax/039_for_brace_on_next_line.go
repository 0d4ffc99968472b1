// The `{` of a for loop is on the next line.
package main

func main() {
	for i := 0; i < 3; i++
	{
	}
}
