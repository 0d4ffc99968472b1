// Panicking with an error made by fmt.Errorf prints the formatted message.
package main

import "fmt"

type Config struct {
	Workers int
}

func validate(c *Config) error {
	if c.Workers <= 0 {
		return fmt.Errorf("config: workers must be positive, got %d", c.Workers)
	}
	return nil
}

func main() {
	good := &Config{Workers: 4}
	fmt.Println("good config error:", validate(good))
	bad := &Config{Workers: -1}
	if err := validate(bad); err != nil {
		panic(err)
	}
	fmt.Println("never printed")
}
