// An import path in a group is not terminated.
package main

import (
	"fmt"
	"os
)

func main() { fmt.Println(os.Args) }
