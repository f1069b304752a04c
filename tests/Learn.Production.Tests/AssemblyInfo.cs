// Each test starts several real hosts (and nginx); on a 2-core CI machine they run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
