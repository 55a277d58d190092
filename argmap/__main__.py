from argmap.interfaces.entry import main

main()
