using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatesGen.CompilerServices;

namespace StatesGen.Runtime.Tests
{
    /// <summary>
    /// Tests for <see cref="ChoiceRules"/> and <see cref="Timestamps"/>.
    /// Sources: AWS Step Functions developer guide, "Choice" state
    /// (https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html): wrong types never match, string
    /// comparisons behave like Java's String.compareTo, timestamps need an uppercase T and Z; States Language
    /// specification (https://states-language.net/spec.html#choice-state): StringMatches wildcards and escapes, an open
    /// escape is a runtime error; and executions recorded against AWS (see the recorded cases below).
    /// </summary>
    public class ChoiceRulesTests
    {
        private const string VariablePath = "$.Variable";

        // ---- Recorded against AWS ----------------------------------------------------------------------------------
        // Every Choice-operator case of /work/shared/conformance/aws-recorded (choice-op-001 to choice-op-472, taken
        // from localstack/localstack@8b9a79f05846 tests/aws/services/stepfunctions/v2/choice_operators, whose snapshots
        // were recorded against AWS). Each machine is one Choice with a single rule on "$.Variable" whose operand is a
        // literal or, for *Path operators, "$.Value"; the expected flag is true when AWS took "ConditionTrue".
        // Arguments: case file, operator, operand as JSON text, execution input, expected match.
        // Generated from the case files; the test reads nothing from disk.

        [Theory]
        [InlineData("choice-op-001", "BooleanEquals", "true", "{\"Variable\":null,\"Value\":true}", false)]
        [InlineData("choice-op-002", "BooleanEquals", "false", "{\"Variable\":null,\"Value\":false}", false)]
        [InlineData("choice-op-003", "BooleanEquals", "true", "{\"Variable\":0,\"Value\":true}", false)]
        [InlineData("choice-op-004", "BooleanEquals", "false", "{\"Variable\":0,\"Value\":false}", false)]
        [InlineData("choice-op-005", "BooleanEquals", "true", "{\"Variable\":0.0,\"Value\":true}", false)]
        [InlineData("choice-op-006", "BooleanEquals", "false", "{\"Variable\":0.0,\"Value\":false}", false)]
        [InlineData("choice-op-007", "BooleanEquals", "true", "{\"Variable\":1,\"Value\":true}", false)]
        [InlineData("choice-op-008", "BooleanEquals", "false", "{\"Variable\":1,\"Value\":false}", false)]
        [InlineData("choice-op-009", "BooleanEquals", "true", "{\"Variable\":1.1,\"Value\":true}", false)]
        [InlineData("choice-op-010", "BooleanEquals", "false", "{\"Variable\":1.1,\"Value\":false}", false)]
        [InlineData("choice-op-011", "BooleanEquals", "true", "{\"Variable\":\"\",\"Value\":true}", false)]
        [InlineData("choice-op-012", "BooleanEquals", "false", "{\"Variable\":\"\",\"Value\":false}", false)]
        [InlineData("choice-op-013", "BooleanEquals", "true", "{\"Variable\":\" \",\"Value\":true}", false)]
        [InlineData("choice-op-014", "BooleanEquals", "false", "{\"Variable\":\" \",\"Value\":false}", false)]
        [InlineData("choice-op-015", "BooleanEquals", "true", "{\"Variable\":\"HelloWorld\",\"Value\":true}", false)]
        [InlineData("choice-op-016", "BooleanEquals", "false", "{\"Variable\":\"HelloWorld\",\"Value\":false}", false)]
        [InlineData("choice-op-017", "BooleanEquals", "true", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":true}", false)]
        [InlineData("choice-op-018", "BooleanEquals", "false", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":false}", false)]
        [InlineData("choice-op-019", "BooleanEquals", "true", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":true}", false)]
        [InlineData("choice-op-020", "BooleanEquals", "false", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":false}", false)]
        [InlineData("choice-op-021", "BooleanEquals", "true", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":true}", false)]
        [InlineData("choice-op-022", "BooleanEquals", "false", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":false}", false)]
        [InlineData("choice-op-023", "BooleanEquals", "true", "{\"Variable\":\"2023-02-24\",\"Value\":true}", false)]
        [InlineData("choice-op-024", "BooleanEquals", "false", "{\"Variable\":\"2023-02-24\",\"Value\":false}", false)]
        [InlineData("choice-op-025", "BooleanEquals", "true", "{\"Variable\":[],\"Value\":true}", false)]
        [InlineData("choice-op-026", "BooleanEquals", "false", "{\"Variable\":[],\"Value\":false}", false)]
        [InlineData("choice-op-027", "BooleanEquals", "true", "{\"Variable\":[\"\"],\"Value\":true}", false)]
        [InlineData("choice-op-028", "BooleanEquals", "false", "{\"Variable\":[\"\"],\"Value\":false}", false)]
        [InlineData("choice-op-029", "BooleanEquals", "true", "{\"Variable\":{},\"Value\":true}", false)]
        [InlineData("choice-op-030", "BooleanEquals", "false", "{\"Variable\":{},\"Value\":false}", false)]
        [InlineData("choice-op-031", "BooleanEquals", "true", "{\"Variable\":{\"A\":0},\"Value\":true}", false)]
        [InlineData("choice-op-032", "BooleanEquals", "false", "{\"Variable\":{\"A\":0},\"Value\":false}", false)]
        [InlineData("choice-op-033", "BooleanEquals", "true", "{\"Variable\":true,\"Value\":true}", true)]
        [InlineData("choice-op-034", "BooleanEquals", "true", "{\"Variable\":false,\"Value\":true}", false)]
        [InlineData("choice-op-035", "BooleanEquals", "false", "{\"Variable\":false,\"Value\":false}", true)]
        [InlineData("choice-op-036", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":null,\"Value\":true}", false)]
        [InlineData("choice-op-037", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":null,\"Value\":false}", false)]
        [InlineData("choice-op-038", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":true}", false)]
        [InlineData("choice-op-039", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":false}", false)]
        [InlineData("choice-op-040", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":0.0,\"Value\":true}", false)]
        [InlineData("choice-op-041", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":0.0,\"Value\":false}", false)]
        [InlineData("choice-op-042", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":true}", false)]
        [InlineData("choice-op-043", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":false}", false)]
        [InlineData("choice-op-044", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":1.1,\"Value\":true}", false)]
        [InlineData("choice-op-045", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":1.1,\"Value\":false}", false)]
        [InlineData("choice-op-046", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"\",\"Value\":true}", false)]
        [InlineData("choice-op-047", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"\",\"Value\":false}", false)]
        [InlineData("choice-op-048", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\" \",\"Value\":true}", false)]
        [InlineData("choice-op-049", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\" \",\"Value\":false}", false)]
        [InlineData("choice-op-050", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"HelloWorld\",\"Value\":true}", false)]
        [InlineData("choice-op-051", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"HelloWorld\",\"Value\":false}", false)]
        [InlineData("choice-op-052", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":true}", false)]
        [InlineData("choice-op-053", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":false}", false)]
        [InlineData("choice-op-054", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":true}", false)]
        [InlineData("choice-op-055", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":false}", false)]
        [InlineData("choice-op-056", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":true}", false)]
        [InlineData("choice-op-057", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":false}", false)]
        [InlineData("choice-op-058", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"2023-02-24\",\"Value\":true}", false)]
        [InlineData("choice-op-059", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":\"2023-02-24\",\"Value\":false}", false)]
        [InlineData("choice-op-060", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":[],\"Value\":true}", false)]
        [InlineData("choice-op-061", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":[],\"Value\":false}", false)]
        [InlineData("choice-op-062", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":[\"\"],\"Value\":true}", false)]
        [InlineData("choice-op-063", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":[\"\"],\"Value\":false}", false)]
        [InlineData("choice-op-064", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":{},\"Value\":true}", false)]
        [InlineData("choice-op-065", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":{},\"Value\":false}", false)]
        [InlineData("choice-op-066", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":{\"A\":0},\"Value\":true}", false)]
        [InlineData("choice-op-067", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":{\"A\":0},\"Value\":false}", false)]
        [InlineData("choice-op-068", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":true,\"Value\":true}", true)]
        [InlineData("choice-op-069", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":false,\"Value\":true}", false)]
        [InlineData("choice-op-070", "BooleanEqualsPath", "\"$.Value\"", "{\"Variable\":false,\"Value\":false}", true)]
        [InlineData("choice-op-071", "IsBoolean", "true", "{\"Variable\":null,\"Value\":true}", false)]
        [InlineData("choice-op-072", "IsBoolean", "false", "{\"Variable\":null,\"Value\":false}", true)]
        [InlineData("choice-op-073", "IsBoolean", "true", "{\"Variable\":0,\"Value\":true}", false)]
        [InlineData("choice-op-074", "IsBoolean", "false", "{\"Variable\":0,\"Value\":false}", true)]
        [InlineData("choice-op-075", "IsBoolean", "true", "{\"Variable\":0.0,\"Value\":true}", false)]
        [InlineData("choice-op-076", "IsBoolean", "false", "{\"Variable\":0.0,\"Value\":false}", true)]
        [InlineData("choice-op-077", "IsBoolean", "true", "{\"Variable\":1,\"Value\":true}", false)]
        [InlineData("choice-op-078", "IsBoolean", "false", "{\"Variable\":1,\"Value\":false}", true)]
        [InlineData("choice-op-079", "IsBoolean", "true", "{\"Variable\":1.1,\"Value\":true}", false)]
        [InlineData("choice-op-080", "IsBoolean", "false", "{\"Variable\":1.1,\"Value\":false}", true)]
        [InlineData("choice-op-081", "IsBoolean", "true", "{\"Variable\":\"\",\"Value\":true}", false)]
        [InlineData("choice-op-082", "IsBoolean", "false", "{\"Variable\":\"\",\"Value\":false}", true)]
        [InlineData("choice-op-083", "IsBoolean", "true", "{\"Variable\":\" \",\"Value\":true}", false)]
        [InlineData("choice-op-084", "IsBoolean", "false", "{\"Variable\":\" \",\"Value\":false}", true)]
        [InlineData("choice-op-085", "IsBoolean", "true", "{\"Variable\":\"HelloWorld\",\"Value\":true}", false)]
        [InlineData("choice-op-086", "IsBoolean", "false", "{\"Variable\":\"HelloWorld\",\"Value\":false}", true)]
        [InlineData("choice-op-087", "IsBoolean", "true", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":true}", false)]
        [InlineData("choice-op-088", "IsBoolean", "false", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":false}", true)]
        [InlineData("choice-op-089", "IsBoolean", "true", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":true}", false)]
        [InlineData("choice-op-090", "IsBoolean", "false", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":false}", true)]
        [InlineData("choice-op-091", "IsBoolean", "true", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":true}", false)]
        [InlineData("choice-op-092", "IsBoolean", "false", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":false}", true)]
        [InlineData("choice-op-093", "IsBoolean", "true", "{\"Variable\":\"2023-02-24\",\"Value\":true}", false)]
        [InlineData("choice-op-094", "IsBoolean", "false", "{\"Variable\":\"2023-02-24\",\"Value\":false}", true)]
        [InlineData("choice-op-095", "IsBoolean", "true", "{\"Variable\":[],\"Value\":true}", false)]
        [InlineData("choice-op-096", "IsBoolean", "false", "{\"Variable\":[],\"Value\":false}", true)]
        [InlineData("choice-op-097", "IsBoolean", "true", "{\"Variable\":[\"\"],\"Value\":true}", false)]
        [InlineData("choice-op-098", "IsBoolean", "false", "{\"Variable\":[\"\"],\"Value\":false}", true)]
        [InlineData("choice-op-099", "IsBoolean", "true", "{\"Variable\":{},\"Value\":true}", false)]
        [InlineData("choice-op-100", "IsBoolean", "false", "{\"Variable\":{},\"Value\":false}", true)]
        [InlineData("choice-op-101", "IsBoolean", "true", "{\"Variable\":{\"A\":0},\"Value\":true}", false)]
        [InlineData("choice-op-102", "IsBoolean", "false", "{\"Variable\":{\"A\":0},\"Value\":false}", true)]
        [InlineData("choice-op-103", "IsBoolean", "true", "{\"Variable\":true,\"Value\":true}", true)]
        [InlineData("choice-op-104", "IsBoolean", "true", "{\"Variable\":false,\"Value\":true}", true)]
        [InlineData("choice-op-105", "IsBoolean", "false", "{\"Variable\":false,\"Value\":false}", false)]
        [InlineData("choice-op-106", "IsNull", "true", "{\"Variable\":null,\"Value\":true}", true)]
        [InlineData("choice-op-107", "IsNull", "false", "{\"Variable\":null,\"Value\":false}", false)]
        [InlineData("choice-op-108", "IsNull", "true", "{\"Variable\":0,\"Value\":true}", false)]
        [InlineData("choice-op-109", "IsNull", "false", "{\"Variable\":0,\"Value\":false}", true)]
        [InlineData("choice-op-110", "IsNull", "true", "{\"Variable\":0.0,\"Value\":true}", false)]
        [InlineData("choice-op-111", "IsNull", "false", "{\"Variable\":0.0,\"Value\":false}", true)]
        [InlineData("choice-op-112", "IsNull", "true", "{\"Variable\":1,\"Value\":true}", false)]
        [InlineData("choice-op-113", "IsNull", "false", "{\"Variable\":1,\"Value\":false}", true)]
        [InlineData("choice-op-114", "IsNull", "true", "{\"Variable\":1.1,\"Value\":true}", false)]
        [InlineData("choice-op-115", "IsNull", "false", "{\"Variable\":1.1,\"Value\":false}", true)]
        [InlineData("choice-op-116", "IsNull", "true", "{\"Variable\":\"\",\"Value\":true}", false)]
        [InlineData("choice-op-117", "IsNull", "false", "{\"Variable\":\"\",\"Value\":false}", true)]
        [InlineData("choice-op-118", "IsNull", "true", "{\"Variable\":\" \",\"Value\":true}", false)]
        [InlineData("choice-op-119", "IsNull", "false", "{\"Variable\":\" \",\"Value\":false}", true)]
        [InlineData("choice-op-120", "IsNull", "true", "{\"Variable\":\"HelloWorld\",\"Value\":true}", false)]
        [InlineData("choice-op-121", "IsNull", "false", "{\"Variable\":\"HelloWorld\",\"Value\":false}", true)]
        [InlineData("choice-op-122", "IsNull", "true", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":true}", false)]
        [InlineData("choice-op-123", "IsNull", "false", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":false}", true)]
        [InlineData("choice-op-124", "IsNull", "true", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":true}", false)]
        [InlineData("choice-op-125", "IsNull", "false", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":false}", true)]
        [InlineData("choice-op-126", "IsNull", "true", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":true}", false)]
        [InlineData("choice-op-127", "IsNull", "false", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":false}", true)]
        [InlineData("choice-op-128", "IsNull", "true", "{\"Variable\":\"2023-02-24\",\"Value\":true}", false)]
        [InlineData("choice-op-129", "IsNull", "false", "{\"Variable\":\"2023-02-24\",\"Value\":false}", true)]
        [InlineData("choice-op-130", "IsNull", "true", "{\"Variable\":[],\"Value\":true}", false)]
        [InlineData("choice-op-131", "IsNull", "false", "{\"Variable\":[],\"Value\":false}", true)]
        [InlineData("choice-op-132", "IsNull", "true", "{\"Variable\":[\"\"],\"Value\":true}", false)]
        [InlineData("choice-op-133", "IsNull", "false", "{\"Variable\":[\"\"],\"Value\":false}", true)]
        [InlineData("choice-op-134", "IsNull", "true", "{\"Variable\":{},\"Value\":true}", false)]
        [InlineData("choice-op-135", "IsNull", "false", "{\"Variable\":{},\"Value\":false}", true)]
        [InlineData("choice-op-136", "IsNull", "true", "{\"Variable\":{\"A\":0},\"Value\":true}", false)]
        [InlineData("choice-op-137", "IsNull", "false", "{\"Variable\":{\"A\":0},\"Value\":false}", true)]
        [InlineData("choice-op-138", "IsNull", "true", "{\"Variable\":true,\"Value\":true}", false)]
        [InlineData("choice-op-139", "IsNull", "true", "{\"Variable\":false,\"Value\":true}", false)]
        [InlineData("choice-op-140", "IsNull", "false", "{\"Variable\":false,\"Value\":false}", true)]
        [InlineData("choice-op-141", "IsNumeric", "true", "{\"Variable\":null,\"Value\":true}", false)]
        [InlineData("choice-op-142", "IsNumeric", "false", "{\"Variable\":null,\"Value\":false}", true)]
        [InlineData("choice-op-143", "IsNumeric", "true", "{\"Variable\":0,\"Value\":true}", true)]
        [InlineData("choice-op-144", "IsNumeric", "false", "{\"Variable\":0,\"Value\":false}", false)]
        [InlineData("choice-op-145", "IsNumeric", "true", "{\"Variable\":0.0,\"Value\":true}", true)]
        [InlineData("choice-op-146", "IsNumeric", "false", "{\"Variable\":0.0,\"Value\":false}", false)]
        [InlineData("choice-op-147", "IsNumeric", "true", "{\"Variable\":1,\"Value\":true}", true)]
        [InlineData("choice-op-148", "IsNumeric", "false", "{\"Variable\":1,\"Value\":false}", false)]
        [InlineData("choice-op-149", "IsNumeric", "true", "{\"Variable\":1.1,\"Value\":true}", true)]
        [InlineData("choice-op-150", "IsNumeric", "false", "{\"Variable\":1.1,\"Value\":false}", false)]
        [InlineData("choice-op-151", "IsNumeric", "true", "{\"Variable\":\"\",\"Value\":true}", false)]
        [InlineData("choice-op-152", "IsNumeric", "false", "{\"Variable\":\"\",\"Value\":false}", true)]
        [InlineData("choice-op-153", "IsNumeric", "true", "{\"Variable\":\" \",\"Value\":true}", false)]
        [InlineData("choice-op-154", "IsNumeric", "false", "{\"Variable\":\" \",\"Value\":false}", true)]
        [InlineData("choice-op-155", "IsNumeric", "true", "{\"Variable\":\"HelloWorld\",\"Value\":true}", false)]
        [InlineData("choice-op-156", "IsNumeric", "false", "{\"Variable\":\"HelloWorld\",\"Value\":false}", true)]
        [InlineData("choice-op-157", "IsNumeric", "true", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":true}", false)]
        [InlineData("choice-op-158", "IsNumeric", "false", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":false}", true)]
        [InlineData("choice-op-159", "IsNumeric", "true", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":true}", false)]
        [InlineData("choice-op-160", "IsNumeric", "false", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":false}", true)]
        [InlineData("choice-op-161", "IsNumeric", "true", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":true}", false)]
        [InlineData("choice-op-162", "IsNumeric", "false", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":false}", true)]
        [InlineData("choice-op-163", "IsNumeric", "true", "{\"Variable\":\"2023-02-24\",\"Value\":true}", false)]
        [InlineData("choice-op-164", "IsNumeric", "false", "{\"Variable\":\"2023-02-24\",\"Value\":false}", true)]
        [InlineData("choice-op-165", "IsNumeric", "true", "{\"Variable\":[],\"Value\":true}", false)]
        [InlineData("choice-op-166", "IsNumeric", "false", "{\"Variable\":[],\"Value\":false}", true)]
        [InlineData("choice-op-167", "IsNumeric", "true", "{\"Variable\":[\"\"],\"Value\":true}", false)]
        [InlineData("choice-op-168", "IsNumeric", "false", "{\"Variable\":[\"\"],\"Value\":false}", true)]
        [InlineData("choice-op-169", "IsNumeric", "true", "{\"Variable\":{},\"Value\":true}", false)]
        [InlineData("choice-op-170", "IsNumeric", "false", "{\"Variable\":{},\"Value\":false}", true)]
        [InlineData("choice-op-171", "IsNumeric", "true", "{\"Variable\":{\"A\":0},\"Value\":true}", false)]
        [InlineData("choice-op-172", "IsNumeric", "false", "{\"Variable\":{\"A\":0},\"Value\":false}", true)]
        [InlineData("choice-op-173", "IsNumeric", "true", "{\"Variable\":true,\"Value\":true}", false)]
        [InlineData("choice-op-174", "IsNumeric", "true", "{\"Variable\":false,\"Value\":true}", false)]
        [InlineData("choice-op-175", "IsNumeric", "false", "{\"Variable\":false,\"Value\":false}", true)]
        [InlineData("choice-op-176", "IsPresent", "true", "{\"Variable\":null,\"Value\":true}", true)]
        [InlineData("choice-op-177", "IsPresent", "false", "{\"Variable\":null,\"Value\":false}", false)]
        [InlineData("choice-op-178", "IsPresent", "true", "{\"Variable\":0,\"Value\":true}", true)]
        [InlineData("choice-op-179", "IsPresent", "false", "{\"Variable\":0,\"Value\":false}", false)]
        [InlineData("choice-op-180", "IsPresent", "true", "{\"Variable\":0.0,\"Value\":true}", true)]
        [InlineData("choice-op-181", "IsPresent", "false", "{\"Variable\":0.0,\"Value\":false}", false)]
        [InlineData("choice-op-182", "IsPresent", "true", "{\"Variable\":1,\"Value\":true}", true)]
        [InlineData("choice-op-183", "IsPresent", "false", "{\"Variable\":1,\"Value\":false}", false)]
        [InlineData("choice-op-184", "IsPresent", "true", "{\"Variable\":1.1,\"Value\":true}", true)]
        [InlineData("choice-op-185", "IsPresent", "false", "{\"Variable\":1.1,\"Value\":false}", false)]
        [InlineData("choice-op-186", "IsPresent", "true", "{\"Variable\":\"\",\"Value\":true}", true)]
        [InlineData("choice-op-187", "IsPresent", "false", "{\"Variable\":\"\",\"Value\":false}", false)]
        [InlineData("choice-op-188", "IsPresent", "true", "{\"Variable\":\" \",\"Value\":true}", true)]
        [InlineData("choice-op-189", "IsPresent", "false", "{\"Variable\":\" \",\"Value\":false}", false)]
        [InlineData("choice-op-190", "IsPresent", "true", "{\"Variable\":\"HelloWorld\",\"Value\":true}", true)]
        [InlineData("choice-op-191", "IsPresent", "false", "{\"Variable\":\"HelloWorld\",\"Value\":false}", false)]
        [InlineData("choice-op-192", "IsPresent", "true", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":true}", true)]
        [InlineData("choice-op-193", "IsPresent", "false", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":false}", false)]
        [InlineData("choice-op-194", "IsPresent", "true", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":true}", true)]
        [InlineData("choice-op-195", "IsPresent", "false", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":false}", false)]
        [InlineData("choice-op-196", "IsPresent", "true", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":true}", true)]
        [InlineData("choice-op-197", "IsPresent", "false", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":false}", false)]
        [InlineData("choice-op-198", "IsPresent", "true", "{\"Variable\":\"2023-02-24\",\"Value\":true}", true)]
        [InlineData("choice-op-199", "IsPresent", "false", "{\"Variable\":\"2023-02-24\",\"Value\":false}", false)]
        [InlineData("choice-op-200", "IsPresent", "true", "{\"Variable\":[],\"Value\":true}", true)]
        [InlineData("choice-op-201", "IsPresent", "false", "{\"Variable\":[],\"Value\":false}", false)]
        [InlineData("choice-op-202", "IsPresent", "true", "{\"Variable\":[\"\"],\"Value\":true}", true)]
        [InlineData("choice-op-203", "IsPresent", "false", "{\"Variable\":[\"\"],\"Value\":false}", false)]
        [InlineData("choice-op-204", "IsPresent", "true", "{\"Variable\":{},\"Value\":true}", true)]
        [InlineData("choice-op-205", "IsPresent", "false", "{\"Variable\":{},\"Value\":false}", false)]
        [InlineData("choice-op-206", "IsPresent", "true", "{\"Variable\":{\"A\":0},\"Value\":true}", true)]
        [InlineData("choice-op-207", "IsPresent", "false", "{\"Variable\":{\"A\":0},\"Value\":false}", false)]
        [InlineData("choice-op-208", "IsPresent", "true", "{\"Variable\":true,\"Value\":true}", true)]
        [InlineData("choice-op-209", "IsPresent", "true", "{\"Variable\":false,\"Value\":true}", true)]
        [InlineData("choice-op-210", "IsPresent", "false", "{\"Variable\":false,\"Value\":false}", false)]
        [InlineData("choice-op-211", "IsString", "true", "{\"Variable\":null,\"Value\":true}", false)]
        [InlineData("choice-op-212", "IsString", "false", "{\"Variable\":null,\"Value\":false}", true)]
        [InlineData("choice-op-213", "IsString", "true", "{\"Variable\":0,\"Value\":true}", false)]
        [InlineData("choice-op-214", "IsString", "false", "{\"Variable\":0,\"Value\":false}", true)]
        [InlineData("choice-op-215", "IsString", "true", "{\"Variable\":0.0,\"Value\":true}", false)]
        [InlineData("choice-op-216", "IsString", "false", "{\"Variable\":0.0,\"Value\":false}", true)]
        [InlineData("choice-op-217", "IsString", "true", "{\"Variable\":1,\"Value\":true}", false)]
        [InlineData("choice-op-218", "IsString", "false", "{\"Variable\":1,\"Value\":false}", true)]
        [InlineData("choice-op-219", "IsString", "true", "{\"Variable\":1.1,\"Value\":true}", false)]
        [InlineData("choice-op-220", "IsString", "false", "{\"Variable\":1.1,\"Value\":false}", true)]
        [InlineData("choice-op-221", "IsString", "true", "{\"Variable\":\"\",\"Value\":true}", true)]
        [InlineData("choice-op-222", "IsString", "false", "{\"Variable\":\"\",\"Value\":false}", false)]
        [InlineData("choice-op-223", "IsString", "true", "{\"Variable\":\" \",\"Value\":true}", true)]
        [InlineData("choice-op-224", "IsString", "false", "{\"Variable\":\" \",\"Value\":false}", false)]
        [InlineData("choice-op-225", "IsString", "true", "{\"Variable\":\"HelloWorld\",\"Value\":true}", true)]
        [InlineData("choice-op-226", "IsString", "false", "{\"Variable\":\"HelloWorld\",\"Value\":false}", false)]
        [InlineData("choice-op-227", "IsString", "true", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":true}", true)]
        [InlineData("choice-op-228", "IsString", "false", "{\"Variable\":\"2012-10-09T19:00:55\",\"Value\":false}", false)]
        [InlineData("choice-op-229", "IsString", "true", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":true}", true)]
        [InlineData("choice-op-230", "IsString", "false", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":false}", false)]
        [InlineData("choice-op-231", "IsString", "true", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":true}", true)]
        [InlineData("choice-op-232", "IsString", "false", "{\"Variable\":\"2012-10-09T19:00:55+01:00\",\"Value\":false}", false)]
        [InlineData("choice-op-233", "IsString", "true", "{\"Variable\":\"2023-02-24\",\"Value\":true}", true)]
        [InlineData("choice-op-234", "IsString", "false", "{\"Variable\":\"2023-02-24\",\"Value\":false}", false)]
        [InlineData("choice-op-235", "IsString", "true", "{\"Variable\":[],\"Value\":true}", false)]
        [InlineData("choice-op-236", "IsString", "false", "{\"Variable\":[],\"Value\":false}", true)]
        [InlineData("choice-op-237", "IsString", "true", "{\"Variable\":[\"\"],\"Value\":true}", false)]
        [InlineData("choice-op-238", "IsString", "false", "{\"Variable\":[\"\"],\"Value\":false}", true)]
        [InlineData("choice-op-239", "IsString", "true", "{\"Variable\":{},\"Value\":true}", false)]
        [InlineData("choice-op-240", "IsString", "false", "{\"Variable\":{},\"Value\":false}", true)]
        [InlineData("choice-op-241", "IsString", "true", "{\"Variable\":{\"A\":0},\"Value\":true}", false)]
        [InlineData("choice-op-242", "IsString", "false", "{\"Variable\":{\"A\":0},\"Value\":false}", true)]
        [InlineData("choice-op-243", "IsString", "true", "{\"Variable\":true,\"Value\":true}", false)]
        [InlineData("choice-op-244", "IsString", "true", "{\"Variable\":false,\"Value\":true}", false)]
        [InlineData("choice-op-245", "IsString", "false", "{\"Variable\":false,\"Value\":false}", true)]
        [InlineData("choice-op-246", "NumericEquals", "0", "{\"Variable\":null,\"Value\":0}", false)]
        [InlineData("choice-op-247", "NumericEquals", "0.0", "{\"Variable\":null,\"Value\":0.0}", false)]
        [InlineData("choice-op-248", "NumericEquals", "1", "{\"Variable\":null,\"Value\":1}", false)]
        [InlineData("choice-op-249", "NumericEquals", "1.0", "{\"Variable\":null,\"Value\":1.0}", false)]
        [InlineData("choice-op-250", "NumericEquals", "0", "{\"Variable\":0,\"Value\":0}", true)]
        [InlineData("choice-op-251", "NumericEquals", "0.0", "{\"Variable\":0,\"Value\":0.0}", true)]
        [InlineData("choice-op-252", "NumericEquals", "1", "{\"Variable\":0,\"Value\":1}", false)]
        [InlineData("choice-op-253", "NumericEquals", "1.0", "{\"Variable\":0,\"Value\":1.0}", false)]
        [InlineData("choice-op-254", "NumericEquals", "0", "{\"Variable\":0.0,\"Value\":0}", true)]
        [InlineData("choice-op-255", "NumericEquals", "0.0", "{\"Variable\":0.0,\"Value\":0.0}", true)]
        [InlineData("choice-op-256", "NumericEquals", "1", "{\"Variable\":0.0,\"Value\":1}", false)]
        [InlineData("choice-op-257", "NumericEquals", "1.0", "{\"Variable\":0.0,\"Value\":1.0}", false)]
        [InlineData("choice-op-258", "NumericEquals", "0", "{\"Variable\":1,\"Value\":0}", false)]
        [InlineData("choice-op-259", "NumericEquals", "0.0", "{\"Variable\":1,\"Value\":0.0}", false)]
        [InlineData("choice-op-260", "NumericEquals", "1", "{\"Variable\":1,\"Value\":1}", true)]
        [InlineData("choice-op-261", "NumericEquals", "1.0", "{\"Variable\":1,\"Value\":1.0}", true)]
        [InlineData("choice-op-262", "NumericEquals", "0", "{\"Variable\":1.1,\"Value\":0}", false)]
        [InlineData("choice-op-263", "NumericEquals", "0.0", "{\"Variable\":1.1,\"Value\":0.0}", false)]
        [InlineData("choice-op-264", "NumericEquals", "1", "{\"Variable\":1.1,\"Value\":1}", false)]
        [InlineData("choice-op-265", "NumericEquals", "1.0", "{\"Variable\":1.1,\"Value\":1.0}", false)]
        [InlineData("choice-op-266", "NumericEquals", "0", "{\"Variable\":\"\",\"Value\":0}", false)]
        [InlineData("choice-op-267", "NumericEquals", "0.0", "{\"Variable\":\"\",\"Value\":0.0}", false)]
        [InlineData("choice-op-268", "NumericEquals", "1", "{\"Variable\":\"\",\"Value\":1}", false)]
        [InlineData("choice-op-269", "NumericEquals", "1.0", "{\"Variable\":\"\",\"Value\":1.0}", false)]
        [InlineData("choice-op-270", "NumericEquals", "0", "{\"Variable\":\" \",\"Value\":0}", false)]
        [InlineData("choice-op-271", "NumericEquals", "0.0", "{\"Variable\":\" \",\"Value\":0.0}", false)]
        [InlineData("choice-op-272", "NumericEquals", "1", "{\"Variable\":\" \",\"Value\":1}", false)]
        [InlineData("choice-op-273", "NumericEquals", "1.0", "{\"Variable\":\" \",\"Value\":1.0}", false)]
        [InlineData("choice-op-274", "NumericEquals", "0", "{\"Variable\":[],\"Value\":0}", false)]
        [InlineData("choice-op-275", "NumericEquals", "0.0", "{\"Variable\":[],\"Value\":0.0}", false)]
        [InlineData("choice-op-276", "NumericEquals", "1", "{\"Variable\":[],\"Value\":1}", false)]
        [InlineData("choice-op-277", "NumericEquals", "1.0", "{\"Variable\":[],\"Value\":1.0}", false)]
        [InlineData("choice-op-278", "NumericEquals", "0", "{\"Variable\":[\"\"],\"Value\":0}", false)]
        [InlineData("choice-op-279", "NumericEquals", "0.0", "{\"Variable\":[\"\"],\"Value\":0.0}", false)]
        [InlineData("choice-op-280", "NumericEquals", "1", "{\"Variable\":[\"\"],\"Value\":1}", false)]
        [InlineData("choice-op-281", "NumericEquals", "1.0", "{\"Variable\":[\"\"],\"Value\":1.0}", false)]
        [InlineData("choice-op-282", "NumericEquals", "0", "{\"Variable\":{},\"Value\":0}", false)]
        [InlineData("choice-op-283", "NumericEquals", "0.0", "{\"Variable\":{},\"Value\":0.0}", false)]
        [InlineData("choice-op-284", "NumericEquals", "1", "{\"Variable\":{},\"Value\":1}", false)]
        [InlineData("choice-op-285", "NumericEquals", "1.0", "{\"Variable\":{},\"Value\":1.0}", false)]
        [InlineData("choice-op-286", "NumericEquals", "0", "{\"Variable\":{\"A\":0},\"Value\":0}", false)]
        [InlineData("choice-op-287", "NumericEquals", "0.0", "{\"Variable\":{\"A\":0},\"Value\":0.0}", false)]
        [InlineData("choice-op-288", "NumericEquals", "1", "{\"Variable\":{\"A\":0},\"Value\":1}", false)]
        [InlineData("choice-op-289", "NumericEquals", "1.0", "{\"Variable\":{\"A\":0},\"Value\":1.0}", false)]
        [InlineData("choice-op-290", "NumericEquals", "0", "{\"Variable\":false,\"Value\":0}", false)]
        [InlineData("choice-op-291", "NumericEquals", "0.0", "{\"Variable\":false,\"Value\":0.0}", false)]
        [InlineData("choice-op-292", "NumericEquals", "1", "{\"Variable\":false,\"Value\":1}", false)]
        [InlineData("choice-op-293", "NumericEquals", "1.0", "{\"Variable\":false,\"Value\":1.0}", false)]
        [InlineData("choice-op-294", "NumericEquals", "0", "{\"Variable\":true,\"Value\":0}", false)]
        [InlineData("choice-op-295", "NumericEquals", "0.0", "{\"Variable\":true,\"Value\":0.0}", false)]
        [InlineData("choice-op-296", "NumericEquals", "1", "{\"Variable\":true,\"Value\":1}", false)]
        [InlineData("choice-op-297", "NumericEquals", "1.0", "{\"Variable\":true,\"Value\":1.0}", false)]
        [InlineData("choice-op-298", "NumericEquals", "2.22", "{\"Variable\":2.22,\"Value\":2.22}", true)]
        [InlineData("choice-op-299", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":null,\"Value\":0}", false)]
        [InlineData("choice-op-300", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":null,\"Value\":0.0}", false)]
        [InlineData("choice-op-301", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":null,\"Value\":1}", false)]
        [InlineData("choice-op-302", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":null,\"Value\":1.0}", false)]
        [InlineData("choice-op-303", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":0}", true)]
        [InlineData("choice-op-304", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":0.0}", true)]
        [InlineData("choice-op-305", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":1}", false)]
        [InlineData("choice-op-306", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":1.0}", false)]
        [InlineData("choice-op-307", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":0.0,\"Value\":0}", true)]
        [InlineData("choice-op-308", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":0.0,\"Value\":0.0}", true)]
        [InlineData("choice-op-309", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":0.0,\"Value\":1}", false)]
        [InlineData("choice-op-310", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":0.0,\"Value\":1.0}", false)]
        [InlineData("choice-op-311", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":0}", false)]
        [InlineData("choice-op-312", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":0.0}", false)]
        [InlineData("choice-op-313", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":1}", true)]
        [InlineData("choice-op-314", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":1.0}", true)]
        [InlineData("choice-op-315", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":1.1,\"Value\":0}", false)]
        [InlineData("choice-op-316", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":1.1,\"Value\":0.0}", false)]
        [InlineData("choice-op-317", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":1.1,\"Value\":1}", false)]
        [InlineData("choice-op-318", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":1.1,\"Value\":1.0}", false)]
        [InlineData("choice-op-319", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":\"\",\"Value\":0}", false)]
        [InlineData("choice-op-320", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":\"\",\"Value\":0.0}", false)]
        [InlineData("choice-op-321", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":\"\",\"Value\":1}", false)]
        [InlineData("choice-op-322", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":\"\",\"Value\":1.0}", false)]
        [InlineData("choice-op-323", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":\" \",\"Value\":0}", false)]
        [InlineData("choice-op-324", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":\" \",\"Value\":0.0}", false)]
        [InlineData("choice-op-325", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":\" \",\"Value\":1}", false)]
        [InlineData("choice-op-326", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":\" \",\"Value\":1.0}", false)]
        [InlineData("choice-op-327", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":[],\"Value\":0}", false)]
        [InlineData("choice-op-328", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":[],\"Value\":0.0}", false)]
        [InlineData("choice-op-329", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":[],\"Value\":1}", false)]
        [InlineData("choice-op-330", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":[],\"Value\":1.0}", false)]
        [InlineData("choice-op-331", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":[\"\"],\"Value\":0}", false)]
        [InlineData("choice-op-332", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":[\"\"],\"Value\":0.0}", false)]
        [InlineData("choice-op-333", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":[\"\"],\"Value\":1}", false)]
        [InlineData("choice-op-334", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":[\"\"],\"Value\":1.0}", false)]
        [InlineData("choice-op-335", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":{},\"Value\":0}", false)]
        [InlineData("choice-op-336", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":{},\"Value\":0.0}", false)]
        [InlineData("choice-op-337", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":{},\"Value\":1}", false)]
        [InlineData("choice-op-338", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":{},\"Value\":1.0}", false)]
        [InlineData("choice-op-339", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":{\"A\":0},\"Value\":0}", false)]
        [InlineData("choice-op-340", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":{\"A\":0},\"Value\":0.0}", false)]
        [InlineData("choice-op-341", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":{\"A\":0},\"Value\":1}", false)]
        [InlineData("choice-op-342", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":{\"A\":0},\"Value\":1.0}", false)]
        [InlineData("choice-op-343", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":false,\"Value\":0}", false)]
        [InlineData("choice-op-344", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":false,\"Value\":0.0}", false)]
        [InlineData("choice-op-345", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":false,\"Value\":1}", false)]
        [InlineData("choice-op-346", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":false,\"Value\":1.0}", false)]
        [InlineData("choice-op-347", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":true,\"Value\":0}", false)]
        [InlineData("choice-op-348", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":true,\"Value\":0.0}", false)]
        [InlineData("choice-op-349", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":true,\"Value\":1}", false)]
        [InlineData("choice-op-350", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":true,\"Value\":1.0}", false)]
        [InlineData("choice-op-351", "NumericEqualsPath", "\"$.Value\"", "{\"Variable\":2.22,\"Value\":2.22}", true)]
        [InlineData("choice-op-352", "NumericGreaterThan", "0", "{\"Variable\":0,\"Value\":0}", false)]
        [InlineData("choice-op-353", "NumericGreaterThan", "0", "{\"Variable\":0.0,\"Value\":0}", false)]
        [InlineData("choice-op-354", "NumericGreaterThan", "1", "{\"Variable\":0,\"Value\":1}", false)]
        [InlineData("choice-op-355", "NumericGreaterThan", "1", "{\"Variable\":1,\"Value\":1}", false)]
        [InlineData("choice-op-356", "NumericGreaterThan", "0", "{\"Variable\":1,\"Value\":0}", true)]
        [InlineData("choice-op-357", "NumericGreaterThanPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":0}", false)]
        [InlineData("choice-op-358", "NumericGreaterThanPath", "\"$.Value\"", "{\"Variable\":0.0,\"Value\":0}", false)]
        [InlineData("choice-op-359", "NumericGreaterThanPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":1}", false)]
        [InlineData("choice-op-360", "NumericGreaterThanPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":1}", false)]
        [InlineData("choice-op-361", "NumericGreaterThanPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":0}", true)]
        [InlineData("choice-op-362", "NumericGreaterThanEquals", "0", "{\"Variable\":0,\"Value\":0}", true)]
        [InlineData("choice-op-363", "NumericGreaterThanEquals", "0", "{\"Variable\":0.0,\"Value\":0}", true)]
        [InlineData("choice-op-364", "NumericGreaterThanEquals", "1", "{\"Variable\":0,\"Value\":1}", false)]
        [InlineData("choice-op-365", "NumericGreaterThanEquals", "1", "{\"Variable\":1,\"Value\":1}", true)]
        [InlineData("choice-op-366", "NumericGreaterThanEquals", "0", "{\"Variable\":1,\"Value\":0}", true)]
        [InlineData("choice-op-367", "NumericGreaterThanEqualsPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":0}", true)]
        [InlineData("choice-op-368", "NumericGreaterThanEqualsPath", "\"$.Value\"", "{\"Variable\":0.0,\"Value\":0}", true)]
        [InlineData("choice-op-369", "NumericGreaterThanEqualsPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":1}", false)]
        [InlineData("choice-op-370", "NumericGreaterThanEqualsPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":1}", true)]
        [InlineData("choice-op-371", "NumericGreaterThanEqualsPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":0}", true)]
        [InlineData("choice-op-372", "NumericLessThan", "0", "{\"Variable\":0,\"Value\":0}", false)]
        [InlineData("choice-op-373", "NumericLessThan", "0", "{\"Variable\":0.0,\"Value\":0}", false)]
        [InlineData("choice-op-374", "NumericLessThan", "1", "{\"Variable\":0,\"Value\":1}", true)]
        [InlineData("choice-op-375", "NumericLessThan", "1", "{\"Variable\":1,\"Value\":1}", false)]
        [InlineData("choice-op-376", "NumericLessThan", "0", "{\"Variable\":1,\"Value\":0}", false)]
        [InlineData("choice-op-377", "NumericLessThanPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":0}", false)]
        [InlineData("choice-op-378", "NumericLessThanPath", "\"$.Value\"", "{\"Variable\":0.0,\"Value\":0}", false)]
        [InlineData("choice-op-379", "NumericLessThanPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":1}", true)]
        [InlineData("choice-op-380", "NumericLessThanPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":1}", false)]
        [InlineData("choice-op-381", "NumericLessThanPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":0}", false)]
        [InlineData("choice-op-382", "NumericLessThanEquals", "0", "{\"Variable\":0,\"Value\":0}", true)]
        [InlineData("choice-op-383", "NumericLessThanEquals", "0", "{\"Variable\":0.0,\"Value\":0}", true)]
        [InlineData("choice-op-384", "NumericLessThanEquals", "1", "{\"Variable\":0,\"Value\":1}", true)]
        [InlineData("choice-op-385", "NumericLessThanEquals", "1", "{\"Variable\":1,\"Value\":1}", true)]
        [InlineData("choice-op-386", "NumericLessThanEquals", "0", "{\"Variable\":1,\"Value\":0}", false)]
        [InlineData("choice-op-387", "NumericLessThanEqualsPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":0}", true)]
        [InlineData("choice-op-388", "NumericLessThanEqualsPath", "\"$.Value\"", "{\"Variable\":0.0,\"Value\":0}", true)]
        [InlineData("choice-op-389", "NumericLessThanEqualsPath", "\"$.Value\"", "{\"Variable\":0,\"Value\":1}", true)]
        [InlineData("choice-op-390", "NumericLessThanEqualsPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":1}", true)]
        [InlineData("choice-op-391", "NumericLessThanEqualsPath", "\"$.Value\"", "{\"Variable\":1,\"Value\":0}", false)]
        [InlineData("choice-op-392", "StringGreaterThan", "\"\"", "{\"Variable\":\"\",\"Value\":\"\"}", false)]
        [InlineData("choice-op-393", "StringGreaterThan", "\"A \"", "{\"Variable\":\"A\",\"Value\":\"A \"}", false)]
        [InlineData("choice-op-394", "StringGreaterThan", "\"A\\t\\n\\r\"", "{\"Variable\":\"A\",\"Value\":\"A\\t\\n\\r\"}", false)]
        [InlineData("choice-op-395", "StringGreaterThan", "\"ABC\"", "{\"Variable\":\"AB\",\"Value\":\"ABC\"}", false)]
        [InlineData("choice-op-396", "StringEquals", "\"HelloWorld\"", "{\"Variable\":null,\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-397", "StringEquals", "\"HelloWorld\"", "{\"Variable\":0,\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-398", "StringEquals", "\"HelloWorld\"", "{\"Variable\":0.0,\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-399", "StringEquals", "\"HelloWorld\"", "{\"Variable\":1,\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-400", "StringEquals", "\"HelloWorld\"", "{\"Variable\":1.1,\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-401", "StringEquals", "\"HelloWorld\"", "{\"Variable\":\"\",\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-402", "StringEquals", "\"HelloWorld\"", "{\"Variable\":\" \",\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-403", "StringEquals", "\"HelloWorld\"", "{\"Variable\":[],\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-404", "StringEquals", "\"HelloWorld\"", "{\"Variable\":[\"\"],\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-405", "StringEquals", "\"HelloWorld\"", "{\"Variable\":{},\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-406", "StringEquals", "\"HelloWorld\"", "{\"Variable\":{\"A\":0},\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-407", "StringEquals", "\"HelloWorld\"", "{\"Variable\":false,\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-408", "StringEquals", "\"HelloWorld\"", "{\"Variable\":true,\"Value\":\"HelloWorld\"}", false)]
        [InlineData("choice-op-409", "StringEquals", "\"     \"", "{\"Variable\":\" \",\"Value\":\"     \"}", false)]
        [InlineData("choice-op-410", "StringEquals", "\"\\t\\r\\n\"", "{\"Variable\":\"\\t\\n\",\"Value\":\"\\t\\r\\n\"}", false)]
        [InlineData("choice-op-411", "StringEquals", "\"Hello\"", "{\"Variable\":\"Hello\",\"Value\":\"Hello\"}", true)]
        [InlineData("choice-op-412", "StringEqualsPath", "\"$.Value\"", "{\"Variable\":\" \",\"Value\":\"     \"}", false)]
        [InlineData("choice-op-413", "StringEqualsPath", "\"$.Value\"", "{\"Variable\":\"\\t\\n\",\"Value\":\"\\t\\r\\n\"}", false)]
        [InlineData("choice-op-414", "StringEqualsPath", "\"$.Value\"", "{\"Variable\":\"Hello\",\"Value\":\"Hello\"}", true)]
        [InlineData("choice-op-415", "StringGreaterThanPath", "\"$.Value\"", "{\"Variable\":\"\",\"Value\":\"\"}", false)]
        [InlineData("choice-op-416", "StringGreaterThanPath", "\"$.Value\"", "{\"Variable\":\"A\",\"Value\":\"A \"}", false)]
        [InlineData("choice-op-417", "StringGreaterThanPath", "\"$.Value\"", "{\"Variable\":\"A\",\"Value\":\"A\\t\\n\\r\"}", false)]
        [InlineData("choice-op-418", "StringGreaterThanPath", "\"$.Value\"", "{\"Variable\":\"AB\",\"Value\":\"ABC\"}", false)]
        [InlineData("choice-op-419", "StringGreaterThanEquals", "\"\"", "{\"Variable\":\"\",\"Value\":\"\"}", true)]
        [InlineData("choice-op-420", "StringGreaterThanEquals", "\"AB\"", "{\"Variable\":\"A\",\"Value\":\"AB\"}", false)]
        [InlineData("choice-op-421", "StringGreaterThanEquals", "\"A\"", "{\"Variable\":\"AB\",\"Value\":\"A\"}", true)]
        [InlineData("choice-op-422", "StringGreaterThanEqualsPath", "\"$.Value\"", "{\"Variable\":\"\",\"Value\":\"\"}", true)]
        [InlineData("choice-op-423", "StringGreaterThanEqualsPath", "\"$.Value\"", "{\"Variable\":\"A\",\"Value\":\"AB\"}", false)]
        [InlineData("choice-op-424", "StringGreaterThanEqualsPath", "\"$.Value\"", "{\"Variable\":\"AB\",\"Value\":\"A\"}", true)]
        [InlineData("choice-op-425", "StringLessThan", "\"\"", "{\"Variable\":\"\",\"Value\":\"\"}", false)]
        [InlineData("choice-op-426", "StringLessThan", "\"AB\"", "{\"Variable\":\"A\",\"Value\":\"AB\"}", true)]
        [InlineData("choice-op-427", "StringLessThan", "\"A\"", "{\"Variable\":\"AB\",\"Value\":\"A\"}", false)]
        [InlineData("choice-op-428", "StringLessThanPath", "\"$.Value\"", "{\"Variable\":\"\",\"Value\":\"\"}", false)]
        [InlineData("choice-op-429", "StringLessThanPath", "\"$.Value\"", "{\"Variable\":\"A\",\"Value\":\"AB\"}", true)]
        [InlineData("choice-op-430", "StringLessThanPath", "\"$.Value\"", "{\"Variable\":\"AB\",\"Value\":\"A\"}", false)]
        [InlineData("choice-op-431", "StringLessThanEquals", "\"\"", "{\"Variable\":\"\",\"Value\":\"\"}", true)]
        [InlineData("choice-op-432", "StringLessThanEquals", "\"AB\"", "{\"Variable\":\"A\",\"Value\":\"AB\"}", true)]
        [InlineData("choice-op-433", "StringLessThanEquals", "\"A\"", "{\"Variable\":\"AB\",\"Value\":\"A\"}", false)]
        [InlineData("choice-op-434", "StringLessThanEqualsPath", "\"$.Value\"", "{\"Variable\":\"\",\"Value\":\"\"}", true)]
        [InlineData("choice-op-435", "StringLessThanEqualsPath", "\"$.Value\"", "{\"Variable\":\"A\",\"Value\":\"AB\"}", true)]
        [InlineData("choice-op-436", "StringLessThanEqualsPath", "\"$.Value\"", "{\"Variable\":\"AB\",\"Value\":\"A\"}", false)]
        [InlineData("choice-op-437", "TimestampGreaterThan", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-438", "TimestampGreaterThan", "\"2012-10-09T19:00:56Z\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:56Z\"}", false)]
        [InlineData("choice-op-439", "TimestampGreaterThan", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"2012-10-09T19:00:56Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", true)]
        [InlineData("choice-op-440", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":null,\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-441", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":0,\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-442", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":0.0,\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-443", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":1,\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-444", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":1.1,\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-445", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"\",\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-446", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\" \",\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-447", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"2023-02-24 12:15:56.832957\",\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-448", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":[],\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-449", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":[\"\"],\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-450", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":{},\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-451", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":{\"A\":0},\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-452", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":false,\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-453", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":true,\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-454", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", true)]
        [InlineData("choice-op-455", "TimestampEquals", "\"2012-10-09T19:00:56Z\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:56Z\"}", false)]
        [InlineData("choice-op-456", "TimestampEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"2012-10-09T19:00:56Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-457", "TimestampEqualsPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", true)]
        [InlineData("choice-op-458", "TimestampEqualsPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:56Z\"}", false)]
        [InlineData("choice-op-459", "TimestampEqualsPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:56Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-460", "TimestampGreaterThanPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:56Z\"}", false)]
        [InlineData("choice-op-461", "TimestampGreaterThanEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", true)]
        [InlineData("choice-op-462", "TimestampGreaterThanEquals", "\"2012-10-09T19:00:56Z\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:56Z\"}", false)]
        [InlineData("choice-op-463", "TimestampGreaterThanEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"2012-10-09T19:00:56Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", true)]
        [InlineData("choice-op-464", "TimestampGreaterThanEqualsPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:56Z\"}", false)]
        [InlineData("choice-op-465", "TimestampLessThan", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-466", "TimestampLessThan", "\"2012-10-09T19:00:56Z\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:56Z\"}", true)]
        [InlineData("choice-op-467", "TimestampLessThan", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"2012-10-09T19:00:56Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-468", "TimestampLessThanPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:56Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-469", "TimestampLessThanEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", true)]
        [InlineData("choice-op-470", "TimestampLessThanEquals", "\"2012-10-09T19:00:56Z\"", "{\"Variable\":\"2012-10-09T19:00:55Z\",\"Value\":\"2012-10-09T19:00:56Z\"}", true)]
        [InlineData("choice-op-471", "TimestampLessThanEquals", "\"2012-10-09T19:00:55Z\"", "{\"Variable\":\"2012-10-09T19:00:56Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        [InlineData("choice-op-472", "TimestampLessThanEqualsPath", "\"$.Value\"", "{\"Variable\":\"2012-10-09T19:00:56Z\",\"Value\":\"2012-10-09T19:00:55Z\"}", false)]
        public void RecordedAwsChoiceOperatorCase(string caseFile, string op, string operandJson, string inputJson, bool expected)
        {
            Assert.StartsWith("choice-op-", caseFile, StringComparison.Ordinal);
            foreach (Representation representation in Enum.GetValues<Representation>())
            {
                JsonObject input = Represent(JsonNode.Parse(inputJson), representation)!.AsObject();
                string before = input.ToJsonString();

                Assert.Equal(expected, Evaluate(op, operandJson, input, numericLiteralAsDouble: false));
                if (op.StartsWith("Numeric", StringComparison.Ordinal) && !op.EndsWith("Path", StringComparison.Ordinal))
                {
                    Assert.Equal(expected, Evaluate(op, operandJson, input, numericLiteralAsDouble: true));
                }

                // Rules never modify their input.
                Assert.Equal(before, input.ToJsonString());
            }
        }

        // Other recorded executions whose Choice rules use JSONPath operators (same origin as above).
        [Fact]
        public void RecordedAwsChoiceScenarios()
        {
            // choice-002: the developer guide's example; {"type":"Private","value":22} goes to ValueInTwenties.
            JsonNode input = JsonNode.Parse("""{"type":"Private","value":22}""")!;
            Assert.False(!ChoiceRules.StringEquals(input["type"], "Private"));
            Assert.False(ChoiceRules.NumericEquals(input["value"], 0m));
            Assert.True(ChoiceRules.NumericGreaterThanEquals(input["value"], 20m) && ChoiceRules.NumericLessThan(input["value"], 30m));

            // choice-003: a singleton And of StringEquals "Public".
            Assert.True(ChoiceRules.StringEquals(JsonNode.Parse("""{"type":"Public","value":22}""")!["type"], "Public"));

            // choice-004 and choice-005: BooleanEquals true, then false, on $.result.done.
            JsonNode done = JsonNode.Parse("""{"result":{"done":true}}""")!["result"]!["done"]!;
            Assert.True(ChoiceRules.BooleanEquals(done, true));
            JsonNode notDone = JsonNode.Parse("""{"result":{"done":false}}""")!["result"]!["done"]!;
            Assert.False(ChoiceRules.BooleanEquals(notDone, true));
            Assert.True(ChoiceRules.BooleanEquals(notDone, false));

            // assign-015 and assign-016: "IsPresent": false on a present value fails; NumericEquals 42 never matches the
            // string "42" (no coercion), so both executions took the Default.
            JsonNode fortyTwo = JsonNode.Parse("""{"input_value":"42"}""")!["input_value"]!;
            Assert.False(!ChoiceRules.IsPresent(found: true));
            Assert.False(ChoiceRules.NumericEquals(fortyTwo, 42m));
            Assert.False(ChoiceRules.NumericEquals(JsonNode.Parse("""{"input_value":"0"}""")!["input_value"], 42m));

            // context-004: NumericLessThanEquals 0 on $$.Execution.Input.input-value = 0 matched.
            Assert.True(ChoiceRules.NumericLessThanEquals(JsonNode.Parse("0"), 0m));

            // map-002 and map-008: And(IsPresent $, IsNumeric $, NumericEquals 3) breaks out of the Map at item 3 only.
            foreach (int item in new[] { 1, 2, 3 })
            {
                JsonNode? node = JsonValue.Create(item);
                bool matched = ChoiceRules.IsPresent(true) && ChoiceRules.IsNumeric(node, true) && ChoiceRules.NumericEquals(node, 3m);
                Assert.Equal(item == 3, matched);
            }

            // map-029 and map-030: NumericEquals 0 on $.Iterations.
            Assert.True(ChoiceRules.NumericEquals(JsonNode.Parse("""{"Iterations":0}""")!["Iterations"], 0m));
        }

        // ---- Missing paths ------------------------------------------------------------------------------------------
        // Not among the recordings: AWS fails with States.Runtime when a rule's Variable (any operator but IsPresent)
        // or a *Path operand selects nothing (developer guide: "If the state input doesn't contain the $.type field, the
        // execution fails"); the cause reads "Invalid path '$.x': The choice state's condition path references an
        // invalid value." after the usual "An error occurred while executing the state ..." prefix.

        [Fact]
        public void InvalidPathIsAStatesRuntimeErrorNamingThePath()
        {
            StatesException error = ChoiceRules.InvalidPath("$.type");
            Assert.Equal("States.Runtime", error.Error);
            Assert.Equal("Invalid path '$.type': The choice state's condition path references an invalid value.", error.Cause);

            StatesException thrown = Assert.Throws<StatesException>(() => ChoiceRules.EnsureFound(false, "$.right"));
            Assert.Equal(StatesErrors.Runtime, thrown.Error);
            Assert.Contains("'$.right'", thrown.Cause, StringComparison.Ordinal);
            ChoiceRules.EnsureFound(true, "$.right");
        }

        [Fact]
        public void TypeTestsAnswerNoWhenNothingWasFound()
        {
            Assert.False(ChoiceRules.IsPresent(false));
            Assert.False(ChoiceRules.IsNull(null, false));
            Assert.False(ChoiceRules.IsNumeric(null, false));
            Assert.False(ChoiceRules.IsString(null, false));
            Assert.False(ChoiceRules.IsBoolean(null, false));
            Assert.False(ChoiceRules.IsTimestamp(null, false));
        }

        [Fact]
        public void JsonNullIsPresentAndNull()
        {
            // choice-op-106 and choice-op-176: a JSON null is present and null, and nothing else.
            JsonNode? value = JsonNode.Parse("""{"Variable":null}""")!["Variable"];
            Assert.True(ChoiceRules.IsPresent(true));
            Assert.True(ChoiceRules.IsNull(value, true));
            Assert.False(ChoiceRules.IsNumeric(value, true));
            Assert.False(ChoiceRules.IsString(value, true));
            Assert.False(ChoiceRules.IsBoolean(value, true));
            Assert.False(ChoiceRules.IsTimestamp(value, true));
        }

        // ---- Numbers ------------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("byte")]
        [InlineData("sbyte")]
        [InlineData("short")]
        [InlineData("ushort")]
        [InlineData("int")]
        [InlineData("uint")]
        [InlineData("long")]
        [InlineData("ulong")]
        [InlineData("float")]
        [InlineData("double")]
        [InlineData("decimal")]
        public void EveryClrNumberTypeIsNumericAndEqualsOne(string clrType)
        {
            JsonNode one = clrType switch
            {
                "byte" => JsonValue.Create((byte)1),
                "sbyte" => JsonValue.Create((sbyte)1),
                "short" => JsonValue.Create((short)1),
                "ushort" => JsonValue.Create((ushort)1),
                "int" => JsonValue.Create(1),
                "uint" => JsonValue.Create(1u),
                "long" => JsonValue.Create(1L),
                "ulong" => JsonValue.Create(1UL),
                "float" => JsonValue.Create(1.0f),
                "double" => JsonValue.Create(1.0),
                _ => JsonValue.Create(1.0m),
            };
            Assert.True(ChoiceRules.IsNumeric(one, true));
            Assert.True(ChoiceRules.NumericEquals(one, 1m));
            Assert.True(ChoiceRules.NumericEquals(one, 1d));
            Assert.True(ChoiceRules.NumericEquals(one, JsonNode.Parse("1.0")));
            Assert.True(ChoiceRules.NumericEquals(JsonNode.Parse("1"), one));
            Assert.True(ChoiceRules.NumericLessThan(one, 1.5m));
            Assert.True(ChoiceRules.NumericGreaterThan(one, 0.5d));
            Assert.False(ChoiceRules.IsString(one, true));
        }

        [Theory]
        [InlineData("1e30", "1e29", 1)]
        [InlineData("-1e30", "1e29", -1)]
        [InlineData("1e-30", "0", 1)]                 // decimal would round 1e-30 to 0
        [InlineData("-1e-30", "0", -1)]
        [InlineData("1.23456e-27", "1.23457e-27", -1)] // decimal would keep only two digits of these
        [InlineData("1e400", "1.7976931348623157e308", 1)] // beyond double: +Infinity still orders correctly
        [InlineData("-1e400", "-1.7976931348623157e308", -1)]
        [InlineData("1E2", "100", 0)]
        [InlineData("100.000", "1e2", 0)]
        [InlineData("-0", "0", 0)]
        [InlineData("0.1", "0.10", 0)]
        [InlineData("9007199254740993", "9007199254740992", 1)] // beyond double's integers, still exact
        [InlineData("1234567890123456789012345678", "1234567890123456789012345679", -1)]
        [InlineData("0.30000000000000004", "0.3", 1)]
        public void NumbersCompareByValueAcrossRangeAndPrecision(string left, string right, int expectedSign)
        {
            JsonNode? l = JsonNode.Parse(left);
            JsonNode? r = JsonNode.Parse(right);
            Assert.Equal(expectedSign == 0, ChoiceRules.NumericEquals(l, r));
            Assert.Equal(expectedSign < 0, ChoiceRules.NumericLessThan(l, r));
            Assert.Equal(expectedSign > 0, ChoiceRules.NumericGreaterThan(l, r));
            Assert.Equal(expectedSign <= 0, ChoiceRules.NumericLessThanEquals(l, r));
            Assert.Equal(expectedSign >= 0, ChoiceRules.NumericGreaterThanEquals(l, r));
        }

        [Fact]
        public void LiteralOperandsOfBothWidthsCompareWithParsedNumbers()
        {
            Assert.True(ChoiceRules.NumericGreaterThan(JsonNode.Parse("1e-30"), 0m));
            Assert.False(ChoiceRules.NumericEquals(JsonNode.Parse("1e-30"), 0m));
            Assert.True(ChoiceRules.NumericEquals(JsonNode.Parse("1e-30"), 1e-30d));
            Assert.True(ChoiceRules.NumericGreaterThan(JsonNode.Parse("1e300"), 79228162514264337593543950335m));
            Assert.True(ChoiceRules.NumericEquals(JsonNode.Parse("1e300"), 1e300d));
            Assert.True(ChoiceRules.NumericLessThan(JsonNode.Parse("1e300"), double.PositiveInfinity));
            Assert.True(ChoiceRules.NumericEquals(JsonNode.Parse("0.1"), 0.1d));
            Assert.True(ChoiceRules.NumericEquals(JsonValue.Create(0.1f), 0.1m)); // float keeps its shortest text
            Assert.True(ChoiceRules.NumericEquals(JsonValue.Create(0.1), 0.1m));
            Assert.True(ChoiceRules.NumericEquals(JsonValue.Create(long.MaxValue), 9223372036854775807m));
            Assert.True(ChoiceRules.NumericGreaterThan(JsonValue.Create(ulong.MaxValue), 9223372036854775807m));
        }

        [Fact]
        public void NaNMatchesNoComparisonButIsNumeric()
        {
            JsonNode nan = JsonValue.Create(double.NaN);
            Assert.True(ChoiceRules.IsNumeric(nan, true));
            Assert.False(ChoiceRules.NumericEquals(nan, 0m));
            Assert.False(ChoiceRules.NumericLessThan(nan, 0d));
            Assert.False(ChoiceRules.NumericGreaterThanEquals(nan, 0m));
            Assert.False(ChoiceRules.NumericEquals(nan, nan));
        }

        [Fact]
        public void NumericRulesIgnoreEveryOtherType()
        {
            foreach (JsonNode? other in OtherThan("number"))
            {
                Assert.False(ChoiceRules.NumericEquals(other, 1m));
                Assert.False(ChoiceRules.NumericLessThan(other, 1d));
                Assert.False(ChoiceRules.NumericGreaterThanEquals(other, JsonNode.Parse("1")));
                Assert.False(ChoiceRules.NumericEquals(JsonNode.Parse("1"), other)); // the *Path operand too
                Assert.False(ChoiceRules.IsNumeric(other, true));
            }
        }

        // ---- Strings ------------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("B", "a", -1)]               // ordinal: 'B' (66) before 'a' (97); a culture compare says the opposite
        [InlineData("e\u0301", "\u00E9", -1)]   // no normalisation: decomposed and precomposed é differ
        [InlineData("\u00E9", "f", 1)]           // é (233) after f (102)
        [InlineData("\uFF61", "\U0001F600", 1)]  // UTF-16 code units, like Java: U+FF61 after the surrogate D83D
        [InlineData("A", "A ", -1)]              // choice-op-393: a prefix sorts first
        [InlineData("", "", 0)]
        [InlineData("abc", "abc", 0)]
        public void StringsCompareOrdinallyByUtf16CodeUnit(string left, string right, int expectedSign)
        {
            JsonNode l = JsonValue.Create(left);
            JsonNode r = JsonNode.Parse(JsonSerializer.Serialize(right))!;
            Assert.Equal(expectedSign == 0, ChoiceRules.StringEquals(l, right));
            Assert.Equal(expectedSign < 0, ChoiceRules.StringLessThan(l, right));
            Assert.Equal(expectedSign > 0, ChoiceRules.StringGreaterThan(l, right));
            Assert.Equal(expectedSign <= 0, ChoiceRules.StringLessThanEquals(l, r));
            Assert.Equal(expectedSign >= 0, ChoiceRules.StringGreaterThanEquals(l, r));
            Assert.Equal(expectedSign == 0, ChoiceRules.StringEquals(l, r));
        }

        [Fact]
        public void StringRulesIgnoreEveryOtherType()
        {
            foreach (JsonNode? other in OtherThan("string"))
            {
                Assert.False(ChoiceRules.StringEquals(other, "1"));
                Assert.False(ChoiceRules.StringLessThanEquals(other, "zzz"));
                Assert.False(ChoiceRules.StringGreaterThanEquals(other, ""));
                Assert.False(ChoiceRules.StringMatches(other, "*"));
                Assert.False(ChoiceRules.StringEquals(JsonValue.Create("1"), other)); // the *Path operand too
                Assert.False(ChoiceRules.IsString(other, true));
            }
        }

        [Fact]
        public void ClrValuesWithoutAStringTypeAreJudgedByTheirJson()
        {
            Assert.True(ChoiceRules.StringEquals(JsonValue.Create('x'), "x"));
            Assert.True(ChoiceRules.IsString(JsonValue.Create('x'), true));
            Assert.True(ChoiceRules.IsTimestamp(JsonValue.Create(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)), true));
        }

        // ---- StringMatches ------------------------------------------------------------------------------------------
        // Patterns below are decoded text: @"\*" is written "\\*" in the JSON definition.

        [Theory]
        [InlineData("foo*.log", "foo23.log", true)]     // the specification's examples
        [InlineData("*.log", "zebra.log", true)]
        [InlineData("foo*.*", "foobar.zebra", true)]
        [InlineData("foo*.log", "foo23.txt", false)]
        [InlineData("*", "", true)]
        [InlineData("*", "anything", true)]
        [InlineData("", "", true)]
        [InlineData("", "a", false)]
        [InlineData("abc", "abc", true)]
        [InlineData("abc", "abcd", false)]
        [InlineData("a*", "a", true)]
        [InlineData("**a**", "a", true)]
        [InlineData("a*b*c", "aXbYbZc", true)]          // needs backtracking over the first b
        [InlineData("a*b*c", "aXbYbZ", false)]
        [InlineData("*ab", "aab", true)]
        [InlineData("FOO*", "foo1", false)]             // case-sensitive
        [InlineData("?", "?", true)]                     // only '*' is special
        [InlineData("?", "x", false)]
        [InlineData("[ab]", "a", false)]
        [InlineData(@"log\*", "log*", true)]            // escaped star is literal
        [InlineData(@"log\*", "logs", false)]
        [InlineData(@"\**", "*x", true)]
        [InlineData(@"\**", "x*", false)]
        [InlineData(@"a\\b", @"a\b", true)]             // escaped backslash is literal
        [InlineData(@"a\\*", @"a\anything", true)]
        [InlineData(@"a\\\*", @"a\*", true)]
        [InlineData(@"a\\\*", @"a\x", false)]
        public void StringMatchesHasOnlyTheStarWildcard(string pattern, string text, bool expected)
        {
            Assert.Equal(expected, ChoiceRules.StringMatches(JsonValue.Create(text), pattern));
            Assert.Equal(expected, ChoiceRules.StringMatches(JsonNode.Parse(JsonSerializer.Serialize(text)), pattern));
        }

        [Theory]
        [InlineData(@"a\b")]
        [InlineData(@"abc\")]
        [InlineData(@"\")]
        public void StringMatchesRejectsAnOpenEscape(string pattern)
        {
            // States Language specification: an open escape backslash is a runtime error, whatever the value.
            StatesException error = Assert.Throws<StatesException>(() => ChoiceRules.StringMatches(JsonValue.Create("abc"), pattern));
            Assert.Equal(StatesErrors.Runtime, error.Error);
            Assert.Throws<StatesException>(() => ChoiceRules.StringMatches(JsonValue.Create(1), pattern));
        }

        // ---- Booleans -----------------------------------------------------------------------------------------------

        [Fact]
        public void BooleanRulesIgnoreEveryOtherType()
        {
            Assert.True(ChoiceRules.BooleanEquals(JsonValue.Create(true), true));
            Assert.True(ChoiceRules.BooleanEquals(JsonValue.Create(false), JsonNode.Parse("false")));
            Assert.False(ChoiceRules.BooleanEquals(JsonValue.Create(false), JsonNode.Parse("true")));
            foreach (JsonNode? other in OtherThan("boolean"))
            {
                Assert.False(ChoiceRules.BooleanEquals(other, true));
                Assert.False(ChoiceRules.BooleanEquals(other, false));
                Assert.False(ChoiceRules.BooleanEquals(JsonValue.Create(true), other)); // the *Path operand too
                Assert.False(ChoiceRules.IsBoolean(other, true));
            }
        }

        // ---- Timestamps in rules ------------------------------------------------------------------------------------

        [Fact]
        public void TimestampsCompareAsInstants()
        {
            JsonNode plusOne = JsonValue.Create("2020-01-01T01:00:00+01:00");
            JsonNode utc = JsonValue.Create("2020-01-01T00:00:00Z");
            Assert.True(ChoiceRules.TimestampEquals(plusOne, utc));
            Assert.True(ChoiceRules.TimestampEquals(plusOne, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.True(ChoiceRules.TimestampLessThanEquals(plusOne, utc));
            Assert.False(ChoiceRules.TimestampLessThan(plusOne, utc));
            Assert.True(ChoiceRules.TimestampGreaterThan(JsonValue.Create("2019-12-31T23:30:00-01:00"), utc));
            Assert.True(ChoiceRules.TimestampLessThan(JsonValue.Create("2020-01-01T00:00:00.5+01:00"), utc));
            Assert.True(ChoiceRules.TimestampGreaterThanEquals(JsonValue.Create("2020-01-01T00:00:00.0000001Z"), utc));
        }

        [Fact]
        public void TimestampRulesNeedValidTimestampStringsOnBothSides()
        {
            DateTimeOffset instant = Timestamps.Parse("2012-10-09T19:00:55Z");
            foreach (string notATimestamp in new[] { "2012-10-09t19:00:55Z", "2012-10-09T19:00:55z", "2012-10-09T19:00:55", "2012-10-09 19:00:55Z", "2023-02-24", "" })
            {
                JsonNode value = JsonValue.Create(notATimestamp);
                Assert.False(ChoiceRules.TimestampEquals(value, instant));
                Assert.False(ChoiceRules.TimestampLessThanEquals(value, instant));
                Assert.False(ChoiceRules.TimestampGreaterThanEquals(value, instant));
                Assert.False(ChoiceRules.TimestampEquals(JsonValue.Create("2012-10-09T19:00:55Z"), value)); // *Path operand
                Assert.False(ChoiceRules.IsTimestamp(value, true));
                Assert.True(ChoiceRules.IsString(value, true));
            }

            foreach (JsonNode? other in OtherThan("string"))
            {
                Assert.False(ChoiceRules.TimestampEquals(other, instant));
                Assert.False(ChoiceRules.TimestampGreaterThan(JsonValue.Create("2012-10-09T19:00:55Z"), other));
                Assert.False(ChoiceRules.IsTimestamp(other, true));
            }

            Assert.True(ChoiceRules.IsTimestamp(JsonValue.Create("2012-10-09T19:00:55Z"), true));
        }

        // ---- Timestamps.TryParse ------------------------------------------------------------------------------------

        [Theory]
        [InlineData("2024-01-01T00:00:00Z", "2024-01-01T00:00:00.0000000+00:00")]          // wait-001 (AWS accepted)
        [InlineData("2024-01-01T00:00:00.000000Z", "2024-01-01T00:00:00.0000000+00:00")]   // wait-002
        [InlineData("2024-01-01T00:00:00.00Z", "2024-01-01T00:00:00.0000000+00:00")]       // wait-003
        [InlineData("2016-03-14T01:59:00Z", "2016-03-14T01:59:00.0000000+00:00")]          // wait-011, wait-018
        [InlineData("2016-03-05T21:29:29.243167252Z", "2016-03-05T21:29:29.2431672+00:00")] // wait-012, wait-019: nanoseconds, truncated to 100 ns
        [InlineData("2012-10-09T19:00:55+01:00", "2012-10-09T19:00:55.0000000+01:00")]
        [InlineData("2012-10-09T19:00:55-05:30", "2012-10-09T19:00:55.0000000-05:30")]
        [InlineData("2012-10-09T19:00:55-00:00", "2012-10-09T19:00:55.0000000+00:00")]
        [InlineData("2012-10-09T19:00:55.5+14:00", "2012-10-09T19:00:55.5000000+14:00")]
        [InlineData("2012-10-09T19:00:55+18:00", "2012-10-09T01:00:55.0000000+00:00")]     // beyond ±14:00: same instant in UTC
        [InlineData("2016-02-29T00:00:00Z", "2016-02-29T00:00:00.0000000+00:00")]
        [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000+00:00")]
        [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999+00:00")]
        public void TimestampsAcceptRfc3339AsAwsDoes(string text, string expectedRoundTrip)
        {
            Assert.True(Timestamps.TryParse(text, out DateTimeOffset value));
            Assert.Equal(expectedRoundTrip, value.ToString("o", CultureInfo.InvariantCulture));
            Assert.Equal(value, Timestamps.Parse(text));
        }

        [Theory]
        [InlineData("2024-01-01T00:00:00")]              // wait-004: no offset (AWS: States.Runtime)
        [InlineData("2024-01-01T00:00:00.000000")]       // wait-005
        [InlineData("2016-12-05 21:29:29Z")]             // wait-013: no T
        [InlineData("2016-12-05T21:29:29")]              // wait-014: no Z
        [InlineData("2016-13-05T21:29:29Z")]             // wait-015: month 13
        [InlineData("2016-12-05T25:29:29Z")]             // wait-016: hour 25
        [InlineData("05-12-2016T21:29:29Z")]             // wait-017: not ISO order
        [InlineData("2023-02-24 12:15:56.832957")]       // choice-op-447: not a timestamp for TimestampEquals
        [InlineData("2012-10-09t19:00:55Z")]             // lowercase t (developer guide: uppercase T)
        [InlineData("2012-10-09T19:00:55z")]             // lowercase z (developer guide: uppercase Z)
        [InlineData("2015-02-29T00:00:00Z")]             // not a leap year
        [InlineData("2016-04-31T00:00:00Z")]
        [InlineData("2016-04-00T00:00:00Z")]
        [InlineData("2016-04-01T24:00:00Z")]
        [InlineData("2016-04-01T23:60:00Z")]
        [InlineData("2016-04-01T23:59:60Z")]             // leap second, rejected as java.time does
        [InlineData("2016-04-01T23:59Z")]                // seconds are required
        [InlineData("2016-04-01T23:59:59.Z")]            // a fraction needs a digit
        [InlineData("2016-04-01T23:59:59.1234567890Z")]  // at most nanoseconds
        [InlineData("2016-04-01T23:59:59+0100")]
        [InlineData("2016-04-01T23:59:59+01")]
        [InlineData("2016-04-01T23:59:59+01:60")]
        [InlineData("2016-04-01T23:59:59+18:01")]
        [InlineData("2016-04-01T23:59:59+1:00")]
        [InlineData("2016-04-01T23:59:59 Z")]
        [InlineData("2016-04-01T23:59:59ZZ")]
        [InlineData(" 2016-04-01T23:59:59Z")]
        [InlineData("2016-04-01T23:59:59Z ")]
        [InlineData("+2016-04-01T23:59:59Z")]
        [InlineData("16-04-01T23:59:59Z")]
        [InlineData("2016-4-01T23:59:59Z")]
        [InlineData("2016-04-01T23:59:5\u0661Z")]        // Arabic-Indic digit one
        [InlineData("0000-01-01T00:00:00Z")]             // year 0: outside DateTimeOffset
        [InlineData("0001-01-01T00:00:00+01:00")]        // an instant before 0001-01-01T00:00Z
        [InlineData("9999-12-31T23:00:00-01:00")]        // an instant after 9999-12-31T23:59:59.9999999Z
        [InlineData("")]
        [InlineData(null)]
        public void TimestampsRejectEverythingElse(string? text)
        {
            Assert.False(Timestamps.TryParse(text, out DateTimeOffset value));
            Assert.Equal(default, value);
            if (text is not null)
            {
                Assert.Throws<FormatException>(() => Timestamps.Parse(text));
            }
        }

        [Fact]
        public void ParseRejectsNull() => Assert.Throws<ArgumentNullException>(() => Timestamps.Parse(null!));

        // ---- Helpers ------------------------------------------------------------------------------------------------

        private enum Representation
        {
            /// <summary>Values backed by JsonElement, as JsonNode.Parse produces them.</summary>
            Parsed,

            /// <summary>Values backed by CLR primitives; non-integers as double.</summary>
            ClrDouble,

            /// <summary>Values backed by CLR primitives; non-integers as decimal.</summary>
            ClrDecimal,
        }

        // Mirrors what the generator emits for one rule: the Variable must exist except for IsPresent, *Path operands
        // are selected from the input, literals are typed at build time and "Is*": false is a negation.
        private static bool Evaluate(string op, string operandJson, JsonObject input, bool numericLiteralAsDouble)
        {
            bool found = input.TryGetPropertyValue("Variable", out JsonNode? value);
            if (op != "IsPresent")
            {
                ChoiceRules.EnsureFound(found, VariablePath);
            }

            JsonNode literal = JsonNode.Parse(operandJson)!;
            if (op.EndsWith("Path", StringComparison.Ordinal))
            {
                string path = literal.GetValue<string>();
                Assert.StartsWith("$.", path, StringComparison.Ordinal);
                bool operandFound = input.TryGetPropertyValue(path.Substring(2), out JsonNode? operand);
                ChoiceRules.EnsureFound(operandFound, path);
                return op switch
                {
                    "StringEqualsPath" => ChoiceRules.StringEquals(value, operand),
                    "StringLessThanPath" => ChoiceRules.StringLessThan(value, operand),
                    "StringGreaterThanPath" => ChoiceRules.StringGreaterThan(value, operand),
                    "StringLessThanEqualsPath" => ChoiceRules.StringLessThanEquals(value, operand),
                    "StringGreaterThanEqualsPath" => ChoiceRules.StringGreaterThanEquals(value, operand),
                    "NumericEqualsPath" => ChoiceRules.NumericEquals(value, operand),
                    "NumericLessThanPath" => ChoiceRules.NumericLessThan(value, operand),
                    "NumericGreaterThanPath" => ChoiceRules.NumericGreaterThan(value, operand),
                    "NumericLessThanEqualsPath" => ChoiceRules.NumericLessThanEquals(value, operand),
                    "NumericGreaterThanEqualsPath" => ChoiceRules.NumericGreaterThanEquals(value, operand),
                    "BooleanEqualsPath" => ChoiceRules.BooleanEquals(value, operand),
                    "TimestampEqualsPath" => ChoiceRules.TimestampEquals(value, operand),
                    "TimestampLessThanPath" => ChoiceRules.TimestampLessThan(value, operand),
                    "TimestampGreaterThanPath" => ChoiceRules.TimestampGreaterThan(value, operand),
                    "TimestampLessThanEqualsPath" => ChoiceRules.TimestampLessThanEquals(value, operand),
                    "TimestampGreaterThanEqualsPath" => ChoiceRules.TimestampGreaterThanEquals(value, operand),
                    _ => throw new ArgumentException("Unknown operator " + op, nameof(op)),
                };
            }

            if (op.StartsWith("Numeric", StringComparison.Ordinal) && numericLiteralAsDouble)
            {
                double number = literal.GetValue<double>();
                return op switch
                {
                    "NumericEquals" => ChoiceRules.NumericEquals(value, number),
                    "NumericLessThan" => ChoiceRules.NumericLessThan(value, number),
                    "NumericGreaterThan" => ChoiceRules.NumericGreaterThan(value, number),
                    "NumericLessThanEquals" => ChoiceRules.NumericLessThanEquals(value, number),
                    "NumericGreaterThanEquals" => ChoiceRules.NumericGreaterThanEquals(value, number),
                    _ => throw new ArgumentException("Unknown operator " + op, nameof(op)),
                };
            }

            return op switch
            {
                "StringEquals" => ChoiceRules.StringEquals(value, literal.GetValue<string>()),
                "StringLessThan" => ChoiceRules.StringLessThan(value, literal.GetValue<string>()),
                "StringGreaterThan" => ChoiceRules.StringGreaterThan(value, literal.GetValue<string>()),
                "StringLessThanEquals" => ChoiceRules.StringLessThanEquals(value, literal.GetValue<string>()),
                "StringGreaterThanEquals" => ChoiceRules.StringGreaterThanEquals(value, literal.GetValue<string>()),
                "StringMatches" => ChoiceRules.StringMatches(value, literal.GetValue<string>()),
                "NumericEquals" => ChoiceRules.NumericEquals(value, literal.GetValue<decimal>()),
                "NumericLessThan" => ChoiceRules.NumericLessThan(value, literal.GetValue<decimal>()),
                "NumericGreaterThan" => ChoiceRules.NumericGreaterThan(value, literal.GetValue<decimal>()),
                "NumericLessThanEquals" => ChoiceRules.NumericLessThanEquals(value, literal.GetValue<decimal>()),
                "NumericGreaterThanEquals" => ChoiceRules.NumericGreaterThanEquals(value, literal.GetValue<decimal>()),
                "BooleanEquals" => ChoiceRules.BooleanEquals(value, literal.GetValue<bool>()),
                "TimestampEquals" => ChoiceRules.TimestampEquals(value, Timestamps.Parse(literal.GetValue<string>())),
                "TimestampLessThan" => ChoiceRules.TimestampLessThan(value, Timestamps.Parse(literal.GetValue<string>())),
                "TimestampGreaterThan" => ChoiceRules.TimestampGreaterThan(value, Timestamps.Parse(literal.GetValue<string>())),
                "TimestampLessThanEquals" => ChoiceRules.TimestampLessThanEquals(value, Timestamps.Parse(literal.GetValue<string>())),
                "TimestampGreaterThanEquals" => ChoiceRules.TimestampGreaterThanEquals(value, Timestamps.Parse(literal.GetValue<string>())),
                "IsNull" => literal.GetValue<bool>() == ChoiceRules.IsNull(value, found),
                "IsPresent" => literal.GetValue<bool>() == ChoiceRules.IsPresent(found),
                "IsNumeric" => literal.GetValue<bool>() == ChoiceRules.IsNumeric(value, found),
                "IsString" => literal.GetValue<bool>() == ChoiceRules.IsString(value, found),
                "IsBoolean" => literal.GetValue<bool>() == ChoiceRules.IsBoolean(value, found),
                "IsTimestamp" => literal.GetValue<bool>() == ChoiceRules.IsTimestamp(value, found),
                _ => throw new ArgumentException("Unknown operator " + op, nameof(op)),
            };
        }

        // Rebuilds a parsed tree with CLR-backed values, so both kinds of JsonValue go through every recorded case.
        private static JsonNode? Represent(JsonNode? node, Representation representation)
        {
            if (representation == Representation.Parsed)
            {
                return node;
            }

            switch (node)
            {
                case JsonObject obj:
                    var copy = new JsonObject();
                    foreach (KeyValuePair<string, JsonNode?> property in obj)
                    {
                        copy[property.Key] = Represent(property.Value, representation);
                    }

                    return copy;
                case JsonArray array:
                    var items = new JsonArray();
                    foreach (JsonNode? item in array)
                    {
                        items.Add(Represent(item, representation));
                    }

                    return items;
                case JsonValue value:
                    JsonElement element = value.GetValue<JsonElement>();
                    return element.ValueKind switch
                    {
                        JsonValueKind.String => JsonValue.Create(element.GetString()),
                        JsonValueKind.True => JsonValue.Create(true),
                        JsonValueKind.False => JsonValue.Create(false),
                        JsonValueKind.Number when element.TryGetInt32(out int i) => JsonValue.Create(i),
                        JsonValueKind.Number when element.TryGetInt64(out long l) => JsonValue.Create(l),
                        JsonValueKind.Number when representation == Representation.ClrDecimal => JsonValue.Create(element.GetDecimal()),
                        JsonValueKind.Number => JsonValue.Create(element.GetDouble()),
                        _ => throw new ArgumentException("Unexpected value " + element.GetRawText(), nameof(node)),
                    };
                default:
                    return null;
            }
        }

        // One value of every JSON type but the named one, parsed and CLR-backed.
        private static IEnumerable<JsonNode?> OtherThan(string type)
        {
            yield return null;
            yield return JsonNode.Parse("null");
            yield return new JsonObject();
            yield return JsonNode.Parse("""{"A":0}""");
            yield return new JsonArray();
            yield return JsonNode.Parse("""[""]""");
            if (type != "number")
            {
                yield return JsonNode.Parse("1");
                yield return JsonValue.Create(1.5);
                yield return JsonValue.Create(1m);
            }

            if (type != "string")
            {
                yield return JsonNode.Parse("\"1\"");
                yield return JsonValue.Create("2012-10-09T19:00:55Z");
                yield return JsonValue.Create("true");
            }

            if (type != "boolean")
            {
                yield return JsonNode.Parse("true");
                yield return JsonValue.Create(false);
            }
        }
    }
}
