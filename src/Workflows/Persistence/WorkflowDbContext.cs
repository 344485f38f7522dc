using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudpackPlus.Workflows.Persistence;

/// <summary>The workflow runtime's tables, in schema <c>wf</c>.</summary>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    /// <summary>The schema.</summary>
    public const string Schema = "wf";

    /// <summary>Definition versions.</summary>
    public DbSet<WorkflowDefinitionVersion> Definitions => Set<WorkflowDefinitionVersion>();

    /// <summary>Instances.</summary>
    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();

    /// <summary>Bookmarks.</summary>
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();

    /// <summary>Human tasks.</summary>
    public DbSet<WorkflowTask> Tasks => Set<WorkflowTask>();

    /// <summary>Incidents.</summary>
    public DbSet<Incident> Incidents => Set<Incident>();

    /// <summary>Journal.</summary>
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();

    /// <summary>Completed external effects per activity activation (exactly-once at the boundary).</summary>
    public DbSet<ActivityEffect> Effects => Set<ActivityEffect>();

    /// <summary>Every designer save of a draft (accepted or refused), newest last.</summary>
    public DbSet<DraftRevision> DraftRevisions => Set<DraftRevision>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<WorkflowDefinitionVersion>(b =>
        {
            b.ToTable("definitions");
            b.Property(d => d.DefinitionId).HasMaxLength(100);
            b.Property(d => d.Name).HasMaxLength(200);
            b.Property(d => d.NameEn).HasMaxLength(200);
            b.Property(d => d.Graph).HasColumnType("jsonb");
            b.Property(d => d.Source).HasMaxLength(20);
            b.Property(d => d.SourceHash).HasMaxLength(64);
            b.Property(d => d.CreatedBy).HasMaxLength(200);
            b.Property(d => d.PublishedBy).HasMaxLength(200);
            b.Property(d => d.RowVersion).IsRowVersion();
            b.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
            b.HasIndex(d => d.DefinitionId, "ux_definitions_published").IsUnique().HasFilter("is_published");
            b.HasIndex(d => d.DefinitionId, "ux_definitions_latest").IsUnique().HasFilter("is_latest");
        });
        modelBuilder.Entity<WorkflowInstance>(b =>
        {
            b.ToTable("instances");
            b.Property(i => i.DefinitionId).HasMaxLength(100);
            b.Property(i => i.CorrelationId).HasMaxLength(200);
            b.Property(i => i.StartedBy).HasMaxLength(200);
            b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(i => i.Input).HasColumnType("jsonb");
            b.Property(i => i.Variables).HasColumnType("jsonb");
            b.Property(i => i.State).HasColumnType("jsonb");
            b.Property(i => i.RowVersion).IsRowVersion();
            b.HasOne<WorkflowDefinitionVersion>().WithMany().HasForeignKey(i => i.DefinitionVersionId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(i => new { i.DefinitionId, i.CorrelationId }).IsUnique().HasFilter("correlation_id IS NOT NULL");
            b.HasIndex(i => i.Status);
            b.HasIndex(i => i.CreatedAt); // the operations console's list: newest first, paged
        });
        modelBuilder.Entity<Bookmark>(b =>
        {
            b.ToTable("bookmarks");
            b.Property(x => x.NodeId).HasMaxLength(100);
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.SignalName).HasMaxLength(200);
            b.Property(x => x.Payload).HasColumnType("jsonb");
            b.Property(x => x.ResumedBy).HasMaxLength(200);
            b.Property(x => x.LeaseOwner).HasMaxLength(200);
            b.Property(x => x.Progress).HasColumnType("jsonb");
            b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(x => x.InstanceId, "ix_bookmarks_open").HasFilter("resumed_at IS NULL AND cancelled_at IS NULL");
            b.HasIndex(x => x.DueAt, "ix_bookmarks_due").HasFilter("resumed_at IS NULL AND cancelled_at IS NULL AND due_at IS NOT NULL");
        });
        modelBuilder.Entity<WorkflowTask>(b =>
        {
            b.ToTable("tasks");
            b.Property(x => x.NodeId).HasMaxLength(100);
            b.Property(x => x.Title).HasMaxLength(300);
            b.Property(x => x.TitleEn).HasMaxLength(300);
            b.Property(x => x.Prefill).HasColumnType("jsonb");
            b.Property(x => x.FormSchema).HasColumnType("jsonb");
            b.Property(x => x.Result).HasColumnType("jsonb");
            b.Property(x => x.Role).HasMaxLength(50);
            b.Property(x => x.Assignee).HasMaxLength(200);
            b.Property(x => x.ClaimedBy).HasMaxLength(200);
            b.Property(x => x.CompletedBy).HasMaxLength(200);
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.RowVersion).IsRowVersion();
            b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(x => x.BookmarkId).IsUnique();
            b.HasIndex(x => new { x.Status, x.Role });
            b.HasIndex(x => x.Assignee);
        });
        modelBuilder.Entity<Incident>(b =>
        {
            b.ToTable("incidents");
            b.Property(x => x.NodeId).HasMaxLength(100);
            b.Property(x => x.ActivityType).HasMaxLength(100);
            b.Property(x => x.Resolution).HasMaxLength(20);
            b.Property(x => x.ResolvedBy).HasMaxLength(200);
            b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(x => x.InstanceId);
        });
        modelBuilder.Entity<ActivityEffect>(b =>
        {
            // No foreign key to the instance: an effect is recorded in its own transaction while a
            // step may hold the instance row FOR UPDATE, and a key-share lock would wait on it.
            b.ToTable("effects");
            b.HasKey(x => new { x.ActivationKey, x.Effect });
            b.Property(x => x.ActivationKey).HasMaxLength(200);
            b.Property(x => x.Effect).HasMaxLength(100);
            b.Property(x => x.Result).HasColumnType("jsonb");
            b.HasIndex(x => x.InstanceId);
        });
        modelBuilder.Entity<JournalEntry>(b =>
        {
            b.ToTable("journal");
            b.Property(x => x.Id).UseIdentityAlwaysColumn();
            b.Property(x => x.Kind).HasMaxLength(40);
            b.Property(x => x.NodeId).HasMaxLength(100);
            b.Property(x => x.ActivityType).HasMaxLength(100);
            b.Property(x => x.Actor).HasMaxLength(200);
            b.Property(x => x.Data).HasColumnType("jsonb");
            b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(x => new { x.InstanceId, x.Sequence }).IsUnique();
        });
        modelBuilder.Entity<DraftRevision>(b =>
        {
            b.ToTable("draft_revisions");
            b.Property(x => x.Id).UseIdentityAlwaysColumn();
            b.Property(x => x.DefinitionId).HasMaxLength(100);
            b.Property(x => x.Graph).HasColumnType("jsonb");
            b.Property(x => x.SavedBy).HasMaxLength(200);
            b.HasIndex(x => new { x.DefinitionId, x.Version, x.Revision });
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host.</summary>
public sealed class WorkflowDbContextDesignTimeFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    /// <inheritdoc />
    public WorkflowDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        options.UseModuleNpgsql(ModuleDbContextOptions.DesignTimeConnectionString, WorkflowDbContext.Schema);
        return new WorkflowDbContext(options.Options);
    }
}
