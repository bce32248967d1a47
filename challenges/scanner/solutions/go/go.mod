module example.com/scanner

go 1.24.0
