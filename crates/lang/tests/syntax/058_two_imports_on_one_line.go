// Two imports share a line without a semicolon.
package main

import "fmt" "os"

func main() { fmt.Println(os.Args) }
