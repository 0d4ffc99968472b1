// Methods cannot be declared on a type from another package.
package main

import (
	"fmt"
	"time"
)

func (d time.Duration) Twice() time.Duration {
	return 2 * d
}

func main() {
	fmt.Println(time.Second)
}
