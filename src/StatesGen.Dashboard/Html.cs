using System;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.Dashboard
{
    /// <summary>
    /// Builds a page. Every value from an execution goes through <see cref="Text"/> or <see cref="Attr"/>, which
    /// HTML-encode it; <see cref="Raw"/> takes only markup written in this assembly.
    /// </summary>
    internal sealed class Html
    {
        private static readonly HtmlEncoder s_encoder = HtmlEncoder.Default;
        private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }; // shown as text, HTML-encoded after
        private readonly StringBuilder _builder = new();

        public Html Raw(string markup) { _builder.Append(markup); return this; }

        public Html Text(string? value) { if (value is not null) _builder.Append(s_encoder.Encode(value)); return this; }

        /// <summary>Writes <c> name="value"</c> with the value encoded.</summary>
        public Html Attr(string name, string? value)
        {
            _builder.Append(' ').Append(name).Append("=\"");
            Text(value ?? "");
            _builder.Append('"');
            return this;
        }

        /// <summary>Writes <c>&lt;tag&gt;text&lt;/tag&gt;</c> with the text encoded.</summary>
        public Html Element(string tag, string? text, string? cssClass = null)
        {
            _builder.Append('<').Append(tag);
            if (cssClass is not null) Attr("class", cssClass);
            _builder.Append('>');
            Text(text);
            _builder.Append("</").Append(tag).Append('>');
            return this;
        }

        public Html Number(double value, string format = "0.#") { _builder.Append(value.ToString(format, CultureInfo.InvariantCulture)); return this; }

        public override string ToString() => _builder.ToString();

        public static string Json(JsonNode? node) => node is null ? "null" : node.ToJsonString(s_indented);

        /// <summary>How much of one JSON value a page shows (characters of its indented text): a page of events stays light
        /// when the payloads are large, and the rest is a link away.</summary>
        public const int MaxShownJson = 64 * 1024;

        /// <summary>
        /// Writes a value as indented JSON in a <c>&lt;pre&gt;</c>. A value longer than <see cref="MaxShownJson"/> is cut
        /// there, with a link to <paramref name="wholeUrl"/>, which serves it whole (no link: shown whole).
        /// </summary>
        public Html JsonBlock(JsonNode? node, string? wholeUrl)
        {
            var text = Json(node);
            if (text.Length <= MaxShownJson || wholeUrl is null) return Raw("<pre class=\"json\">").Text(text).Raw("</pre>");
            int cut = char.IsHighSurrogate(text[MaxShownJson - 1]) ? MaxShownJson - 1 : MaxShownJson;
            return Raw("<pre class=\"json\">").Text(text[..cut]).Raw("\n…</pre><p class=\"hint cut\">")
                .Text("The first " + (MaxShownJson / 1024).ToString(CultureInfo.InvariantCulture) + " KB of "
                    + ((text.Length + 1023) / 1024).ToString("N0", CultureInfo.InvariantCulture) + " KB are shown. ")
                .Raw("<a").Attr("href", wholeUrl).Raw(">Open it whole</a></p>");
        }

        public static string Time(DateTimeOffset? time) =>
            time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC" : "";

        public static string Duration(TimeSpan? duration)
        {
            if (duration is not { } d) return "";
            if (d < TimeSpan.Zero) d = TimeSpan.Zero;
            if (d.TotalSeconds < 60) return d.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
            if (d.TotalMinutes < 60) return string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes} min {d.Seconds} s");
            if (d.TotalHours < 48) return string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours} h {d.Minutes} min");
            return string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays} d {d.Hours} h");
        }

        /// <summary>AWS's spelling of a status: SUCCEEDED, FAILED, TIMED_OUT, ABORTED, RUNNING.</summary>
        public static string Status(ExecutionStatus status) => status switch
        {
            ExecutionStatus.Succeeded => "SUCCEEDED",
            ExecutionStatus.Failed => "FAILED",
            ExecutionStatus.TimedOut => "TIMED_OUT",
            ExecutionStatus.Aborted => "ABORTED",
            _ => "RUNNING",
        };

        public static ExecutionStatus? ParseStatus(string? text) => text switch
        {
            "SUCCEEDED" => ExecutionStatus.Succeeded,
            "FAILED" => ExecutionStatus.Failed,
            "TIMED_OUT" => ExecutionStatus.TimedOut,
            "ABORTED" => ExecutionStatus.Aborted,
            "RUNNING" => ExecutionStatus.Running,
            _ => null,
        };

        /// <summary>The state machine's name: the last segment of its ARN.</summary>
        public static string MachineName(string arn)
        {
            int colon = arn.LastIndexOf(':');
            return colon >= 0 && colon < arn.Length - 1 ? arn[(colon + 1)..] : arn;
        }
    }
}
