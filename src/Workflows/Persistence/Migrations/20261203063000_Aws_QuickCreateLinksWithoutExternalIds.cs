using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Workflows.Persistence.Migrations
{
    /// <summary>
    /// Issue #17: the AWS role tasks (ACCT-D's PrepareDiagnosisRole, COST-C/SEC-C's CheckReadAccess) used to put the
    /// CloudFormation quick-create link, with the company's external id in it, into their outputs, so the id sat in plain
    /// text in the instance's state, the task's form and the journal, beside its encrypted store. Every such link is
    /// replaced by the portal path that builds it when opened (<c>/Applications/{id}/DiagnosisRole?handler=QuickCreate</c>
    /// or <c>…/ReadOnlyRole?handler=QuickCreate</c>). No key is needed: the link is rebuilt, not decrypted. Not reversible.
    /// No model change, so no target-model (Designer) file and no snapshot change.
    /// </summary>
    [DbContext(typeof(WorkflowDbContext))]
    [Migration("20261203063000_Aws_QuickCreateLinksWithoutExternalIds")]
    public partial class Aws_QuickCreateLinksWithoutExternalIds : Migration
    {
        // A console quick-create link with an external id, as stored in jsonb (also with '&' escaped as \u0026).
        private const string Link =
            @"https://console\.aws\.amazon\.com/cloudformation/home\?(?:[^""\s\\]|\\u0026)*param_ExternalId=(?:[^""\s\\]|\\u0026)*";

        private const string Path =
            "'/Applications/' || i.correlation_id || CASE WHEN i.definition_id = 'acct-d' THEN '/DiagnosisRole' ELSE '/ReadOnlyRole' END || '?handler=QuickCreate'";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                UPDATE wf.instances i SET state = regexp_replace(i.state::text, '{Link}', {Path}, 'g')::jsonb
                WHERE i.state::text LIKE '%param\_ExternalId=%';
                UPDATE wf.instances i SET variables = regexp_replace(i.variables::text, '{Link}', {Path}, 'g')::jsonb
                WHERE i.variables::text LIKE '%param\_ExternalId=%';
                UPDATE wf.tasks t SET form_schema = regexp_replace(t.form_schema::text, '{Link}', {Path}, 'g')::jsonb
                FROM wf.instances i WHERE i.id = t.instance_id AND t.form_schema::text LIKE '%param\_ExternalId=%';
                UPDATE wf.journal j SET data = regexp_replace(j.data::text, '{Link}', {Path}, 'g')::jsonb
                FROM wf.instances i WHERE i.id = j.instance_id AND j.data::text LIKE '%param\_ExternalId=%';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The links are not put back: they held a secret the portal now builds on demand.
        }
    }
}
