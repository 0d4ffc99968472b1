// The opening brace of a function body must be on the same line as its signature.
package main

import "fmt"

func main()
{
	fmt.Println("no")
}
