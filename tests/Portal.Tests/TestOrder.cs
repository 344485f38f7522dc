using CloudpackPlus.Testing;

// The minute-long classes (fault drills, the route fuzz) start first: begun last, one would run on alone at the end.
[assembly: TestCollectionOrderer(LongFirstOrderer.TypeName, LongFirstOrderer.AssemblyName)]

// Three classes at once on 2 cores: the fault drills spend most of their minute waiting out an outage they made
// (a stopped server, a full disk), and with two threads two such drills side by side left the CPU idle.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]
