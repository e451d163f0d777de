using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.Jsonata
{
    // The functions AWS Step Functions adds to JSONata, and the ones it removes.
    // Sources: AWS Step Functions Developer Guide, "Transforming data with JSONata in Step Functions", section
    // "JSONata functions provided by Step Functions" (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html),
    // which lists $partition, $range, $hash (MD5, SHA-1, SHA-256, SHA-384, SHA-512), $random (optional seed), $uuid and
    // $parse, and recommends $parse instead of $eval; and
    // https://dev.classmethod.jp/articles/aws-step-functions-jsonata-unsupported-function (observed behaviour).
    internal static partial class Functions
    {
        private static bool IsDisabledInAws(string name) => name == "eval";

        private static void RegisterAws()
        {
            AddAws("partition", "<an:a>", 2, (e, a, i) => Partition(a[0] as JList, Arg(a, 1)));
            AddAws("range", "<nnn?:a>", 3, (e, a, i) => AwsRange(a[0], Arg(a, 1), Arg(a, 2)));
            AddAws("hash", "<ss:s>", 2, (e, a, i) => Hash(a[0] as string, Arg(a, 1) as string));
            AddAws("random", "<n?:n>", 1, (e, a, i) =>
                Arg(a, 0) is double seed ? new Random(unchecked((int)(long)seed)).NextDouble() : e.Evaluation.Environment.Random.NextDouble());
            AddAws("uuid", "<:s>", 0, (e, a, i) => Uuid(e.Evaluation.Environment.Random));
            AddAws("parse", "<s:j>", 1, (e, a, i) => Parse(a[0] as string));
        }

        private static object? Partition(JList? array, object? sizeArg)
        {
            if (array == null) return null;
            if (sizeArg is not double size || size < 1 || size != Math.Floor(size))
                throw new JError("D3030") { Index = "2" }.WithValue(sizeArg);
            var result = new JList();
            int chunk = (int)Math.Min(size, int.MaxValue);
            for (int k = 0; k < array.Count; k += chunk)
            {
                var part = new JList();
                for (int j = k; j < Math.Min(array.Count, k + chunk); j++) part.Add(array[j]);
                result.Add(part);
            }
            return result;
        }

        private static object? AwsRange(object? startArg, object? endArg, object? stepArg)
        {
            if (startArg is not double start || endArg is not double end) return null;
            double step = stepArg is double s ? s : 1;
            if (step == 0 || double.IsNaN(step)) throw new JError("D3030") { Index = "3" }.WithValue(stepArg);
            // A sequence, not an array: one value comes out as that value (recorded: jsonata-fn-023, $range(1, 9, 9) is 1).
            var result = JList.CreateSequence();
            if (step > 0)
                for (double v = start; v <= end && result.Count <= 1_000_000; v += step) result.Add(Values.Number(v));
            else
                for (double v = start; v >= end && result.Count <= 1_000_000; v += step) result.Add(Values.Number(v));
            return result;
        }

        private static object? Hash(string? data, string? algorithm)
        {
            if (data == null) return null;
            var bytes = Encoding.UTF8.GetBytes(data);
            byte[] digest;
            switch (algorithm)
            {
                case "MD5": digest = MD5.HashData(bytes); break;
                case "SHA-1": digest = SHA1.HashData(bytes); break;
                case "SHA-256": digest = SHA256.HashData(bytes); break;
                case "SHA-384": digest = SHA384.HashData(bytes); break;
                case "SHA-512": digest = SHA512.HashData(bytes); break;
                default: throw new JError("D3137") { Text = "Unsupported hash algorithm: " + algorithm };
            }
            return Convert.ToHexString(digest).ToLowerInvariant();
        }

        private static string Uuid(Random random)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            var sb = new StringBuilder(36);
            for (int k = 0; k < 16; k++)
            {
                if (k == 4 || k == 6 || k == 8 || k == 10) sb.Append('-');
                sb.Append(bytes[k].ToString("x2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        private static object? Parse(string? text)
        {
            if (text == null) return null;
            try
            {
                return Values.FromNode(JsonNode.Parse(text));
            }
            catch (JsonException)
            {
                throw new JError("D3137") { Text = "Unable to parse JSON string: " + text };
            }
        }
    }
}
