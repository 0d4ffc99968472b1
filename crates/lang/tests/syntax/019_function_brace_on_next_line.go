// The `{` of a function body is on the line after its signature.
package main

func main()
{
}
