namespace CloudpackPlus.Core.Data;

/// <summary>
/// One module's DbContext with the PostgreSQL schema it owns. Each module keeps its
/// tables and its migration history in its own schema, so modules evolve their
/// migrations independently while sharing one database (and one transaction when
/// a step needs it).
/// </summary>
/// <param name="ContextType">The module's <c>DbContext</c> type.</param>
/// <param name="Schema">The schema its tables and migration history live in.</param>
/// <param name="Order">Migration order: modules that others reference migrate first.</param>
public sealed record DatabaseModule(Type ContextType, string Schema, int Order);
