from hamyar.cli import main

main()
