using System.Text.RegularExpressions;
using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Validation
{
    /// <summary>
    /// The Distributed Map's sub-objects: ProcessorConfig's ExecutionType, the S3 actions of ItemReader and
    /// ResultWriter, and which of ResultWriter's fields go together. Guide: state-map-distributed.html,
    /// input-output-itemreader.html, input-output-resultwriter.html.
    /// </summary>
    internal static class DistributedMapRules
    {
        // Only the s3:getObject and s3:listObjectsV2 actions read items; any other Resource is rejected at creation with
        // SCHEMA_VALIDATION_FAILED (https://github.com/floci-io/floci/pull/1588, which aligned its definition checks with
        // AWS: "does not match any of the allowed values. Examples: [arn:<partition>:states:::s3:getObject,
        // arn:<partition>:states:::s3:listObjectsV2]"). The only export action is s3:putObject.
        private static readonly Regex ItemReaderResource = new Regex(@"^arn:aws(-[a-z]+)*:states:::s3:(getObject|listObjectsV2)$", RegexOptions.CultureInvariant);
        private static readonly Regex ResultWriterResource = new Regex(@"^arn:aws(-[a-z]+)*:states:::s3:putObject$", RegexOptions.CultureInvariant);

        public static void Check(MapState m, ProblemList problems)
        {
            // ProcessorConfig: "you must provide [ExecutionType] if you specified DISTRIBUTED for the Mode sub-field"
            // (state-map-distributed.html; likewise the CDK's ProcessorConfig.executionType).
            if (m.Distributed && !m.ProcessorConfigFields.Has("ExecutionType"))
                problems.Add(D.InvalidStructure, "A DISTRIBUTED Map needs \"ExecutionType\" in its ProcessorConfig: \"STANDARD\" or \"EXPRESS\" (the type of the child workflow executions).", m.ProcessorConfigKey);
            CheckS3Action(m.ItemReaderResource, m.ItemReaderResourceAt, ItemReaderResource, "arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2", problems);
            CheckS3Action(m.ResultWriterResource, m.ResultWriterResourceAt, ResultWriterResource, "arn:aws:states:::s3:putObject", problems);
            if (m.HasResultWriter) CheckResultWriter(m, problems);
        }

        private static void CheckS3Action(string? resource, SourceSpan at, Regex allowed, string examples, ProblemList problems)
        {
            if (resource != null && !allowed.IsMatch(resource))
                problems.Add(D.InvalidValue, $"\"Resource\" must be {examples} (in your partition), not \"{resource}\".", at);
        }

        // "The ResultWriter field cannot be empty": WriterConfig alone, Resource with its Parameters/Arguments, or all
        // three (an empty one fails at the latest when it runs, https://github.com/aws/aws-cdk/pull/33831).
        private static void CheckResultWriter(MapState m, ProblemList problems)
        {
            var destinationName = m.IsJsonata ? "Arguments" : "Parameters";
            var resource = m.ResultWriterFields.Find("Resource");
            var destination = m.ResultWriterFields.Find(destinationName);
            bool config = m.ResultWriterFields.Has("WriterConfig");
            if (resource == null && destination == null && !config)
                problems.Add(D.InvalidStructure, $"\"ResultWriter\" cannot be empty: give it \"WriterConfig\", or \"Resource\" and \"{destinationName}\" (the S3 bucket and prefix), or all three.", m.ResultWriterKey);
            else if (resource != null && destination == null)
                problems.Add(D.InvalidStructure, $"The ResultWriter \"Resource\" needs \"{destinationName}\" with the S3 bucket (and prefix) to write to.", resource.Key);
            else if (resource == null && destination != null)
                problems.Add(D.InvalidStructure, $"The ResultWriter \"{destinationName}\" needs \"Resource\": \"arn:aws:states:::s3:putObject\".", destination.Key);
        }
    }
}
