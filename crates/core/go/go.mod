module gobalance

go 1.19
