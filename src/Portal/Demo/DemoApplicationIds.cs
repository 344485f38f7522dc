namespace CloudpackPlus.Portal.Demo;

/// <summary>
/// The fixed ids of the demo's applications, one home for all seeders: a seeder finds its application again by id
/// (seeding is idempotent), so two seeders sharing an id would each take the other's application for their own.
/// </summary>
public static class DemoApplicationIds
{
    public static readonly Guid TrainingWaitingForCsm = Guid.Parse("0193b000-0000-7000-8000-000000000001");
    public static readonly Guid TrainingWaitingForCustomer = Guid.Parse("0193b000-0000-7000-8000-000000000002");
    public static readonly Guid WebScan = Guid.Parse("0193b000-0000-7000-8000-000000000101");
    public static readonly Guid AccountDiagnosis = Guid.Parse("0193b000-0000-7000-8000-000000000201");
    public static readonly Guid CostDiagnosis = Guid.Parse("0193b000-0000-7000-8000-000000000202");
    public static readonly Guid SecurityDiagnosis = Guid.Parse("0193b000-0000-7000-8000-000000000203");
    public static readonly Guid CostConsulting = Guid.Parse("0193b000-0000-7000-8000-000000000211");
    public static readonly Guid SecurityConsulting = Guid.Parse("0193b000-0000-7000-8000-000000000212");
}
