namespace CloudpackPlus.Benchmarks;

/// <summary>The workflows the persisted measurements run besides the 10-activity one.</summary>
internal static class BenchFlows
{
    /// <summary>Start → a CSM task → End: the resume path is the task's completion.</summary>
    public static string Task(string id) => $$$"""
        { "definitionId": "{{{id}}}", "name": "{{{id}}}",
          "activities": [ { "id": "start", "type": "Start" },
            { "id": "task", "type": "HumanTask", "inputs": { "title": "Bench", "role": "csm",
              "form": { "fields": [ { "name": "ok", "type": "boolean", "required": true } ] }, "resultVariable": "answer" } },
            { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "task" }, { "from": "task", "outcome": "Done", "to": "end" } ] }
        """;

    /// <summary>Start → a background activity (a Hangfire job) → End.</summary>
    public static string Background(string id) => $$$"""
        { "definitionId": "{{{id}}}", "name": "{{{id}}}",
          "activities": [ { "id": "start", "type": "Start" },
            { "id": "sum", "type": "ComputeChecksum", "inputs": { "text": "bench" } },
            { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "sum" }, { "from": "sum", "outcome": "Done", "to": "end" } ] }
        """;
}
