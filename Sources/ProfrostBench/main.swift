// profrost-bench: the benchmark of the profrost binary (README, Performance). Not part of the product.
Bench.main()
