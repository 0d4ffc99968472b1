// An imported package that nothing refers to is refused.
package main

import (
	"fmt"
	"strings"
)

func main() {
	fmt.Println("no strings here")
}
