using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace StatesGen.Jsonata
{
    /// <summary>$formatNumber: XPath F&amp;O 3.1 decimal-format pictures, as jsonata-js src/functions.js formatNumber.</summary>
    internal static class NumberFormatting
    {
        private sealed class Parts
        {
            public string Prefix = "", Suffix = "", ActivePart = "", MantissaPart = "", IntegerPart = "", FractionalPart = "", Subpicture = "";
            public string? ExponentPart;
        }

        private sealed class Variables
        {
            public List<int> IntegerPartGroupingPositions = new List<int>();
            public int RegularGrouping;
            public int MinimumIntegerPartSize;
            public int ScalingFactor;
            public string Prefix = "";
            public List<int> FractionalPartGroupingPositions = new List<int>();
            public int MinimumFactionalPartSize;
            public int MaximumFactionalPartSize;
            public int MinimumExponentSize;
            public string Suffix = "";
            public string Picture = "";
        }

        public static object? FormatNumber(double value, string picture, JMap? options)
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["decimal-separator"] = ".",
                ["grouping-separator"] = ",",
                ["exponent-separator"] = "e",
                ["infinity"] = "Infinity",
                ["minus-sign"] = "-",
                ["NaN"] = "NaN",
                ["percent"] = "%",
                ["per-mille"] = "\u2030",
                ["zero-digit"] = "0",
                ["digit"] = "#",
                ["pattern-separator"] = ";",
            };
            if (options != null)
                foreach (var kv in options.Entries) properties[kv.Key] = Functions.StringOf(kv.Value, false) ?? "";

            string decimalSep = properties["decimal-separator"], groupSep = properties["grouping-separator"],
                expSep = properties["exponent-separator"], percent = properties["percent"], perMille = properties["per-mille"],
                digit = properties["digit"], patternSep = properties["pattern-separator"], minus = properties["minus-sign"];
            int zeroCharCode = properties["zero-digit"][0];
            var decimalDigitFamily = new List<string>();
            for (int ii = zeroCharCode; ii < zeroCharCode + 10; ii++) decimalDigitFamily.Add(((char)ii).ToString());
            var activeChars = new List<string>(decimalDigitFamily) { decimalSep, expSep, groupSep, digit, patternSep };
            string zeroDigit = properties["zero-digit"];

            var subPictures = picture.Split(new[] { patternSep }, StringSplitOptions.None);
            if (subPictures.Length > 2) throw new JError("D3080");

            bool IsActive(char c) => activeChars.Contains(c.ToString());
            bool IsDigitFamily(char c) => decimalDigitFamily.Contains(c.ToString());

            Parts SplitParts(string subpicture)
            {
                string prefix = "";
                for (int ii = 0; ii < subpicture.Length; ii++)
                {
                    char ch = subpicture[ii];
                    if (IsActive(ch) && ch.ToString() != expSep)
                    {
                        prefix = subpicture.Substring(0, ii);
                        break;
                    }
                }
                string suffix = "";
                for (int ii = subpicture.Length - 1; ii >= 0; ii--)
                {
                    char ch = subpicture[ii];
                    if (IsActive(ch) && ch.ToString() != expSep)
                    {
                        suffix = subpicture.Substring(ii + 1);
                        break;
                    }
                }
                string activePart = subpicture.Substring(prefix.Length, Math.Max(0, subpicture.Length - suffix.Length - prefix.Length));
                string mantissaPart;
                string? exponentPart;
                int exponentPosition = subpicture.IndexOf(expSep, prefix.Length, StringComparison.Ordinal);
                if (exponentPosition == -1 || exponentPosition > subpicture.Length - suffix.Length)
                {
                    mantissaPart = activePart;
                    exponentPart = null;
                }
                else
                {
                    mantissaPart = activePart.Substring(0, Math.Min(exponentPosition, activePart.Length));
                    exponentPart = exponentPosition + 1 <= activePart.Length ? activePart.Substring(exponentPosition + 1) : "";
                }
                string integerPart, fractionalPart;
                int decimalPosition = mantissaPart.IndexOf(decimalSep, StringComparison.Ordinal);
                if (decimalPosition == -1)
                {
                    integerPart = mantissaPart;
                    fractionalPart = suffix;
                }
                else
                {
                    integerPart = mantissaPart.Substring(0, decimalPosition);
                    fractionalPart = mantissaPart.Substring(decimalPosition + 1);
                }
                return new Parts
                {
                    Prefix = prefix, Suffix = suffix, ActivePart = activePart, MantissaPart = mantissaPart, ExponentPart = exponentPart,
                    IntegerPart = integerPart, FractionalPart = fractionalPart, Subpicture = subpicture,
                };
            }

            void Validate(Parts parts)
            {
                string? error = null;
                string subpicture = parts.Subpicture;
                int decimalPos = subpicture.IndexOf(decimalSep, StringComparison.Ordinal);
                if (decimalPos != subpicture.LastIndexOf(decimalSep, StringComparison.Ordinal)) error = "D3081";
                if (subpicture.IndexOf(percent, StringComparison.Ordinal) != subpicture.LastIndexOf(percent, StringComparison.Ordinal)) error = "D3082";
                if (subpicture.IndexOf(perMille, StringComparison.Ordinal) != subpicture.LastIndexOf(perMille, StringComparison.Ordinal)) error = "D3083";
                if (subpicture.IndexOf(percent, StringComparison.Ordinal) != -1 && subpicture.IndexOf(perMille, StringComparison.Ordinal) != -1) error = "D3084";
                bool valid = false;
                foreach (char ch in parts.MantissaPart)
                    if (IsDigitFamily(ch) || ch.ToString() == digit) { valid = true; break; }
                if (!valid) error = "D3085";
                if (parts.ActivePart.Any(ch => !IsActive(ch))) error = "D3086";
                if (decimalPos != -1)
                {
                    if ((decimalPos > 0 && subpicture[decimalPos - 1].ToString() == groupSep)
                        || (decimalPos + 1 < subpicture.Length && subpicture[decimalPos + 1].ToString() == groupSep)) error = "D3087";
                }
                else if (parts.IntegerPart.Length > 0 && parts.IntegerPart[parts.IntegerPart.Length - 1].ToString() == groupSep)
                {
                    error = "D3088";
                }
                if (subpicture.IndexOf(groupSep + groupSep, StringComparison.Ordinal) != -1) error = "D3089";
                int optionalDigitPos = parts.IntegerPart.IndexOf(digit, StringComparison.Ordinal);
                if (optionalDigitPos != -1 && parts.IntegerPart.Substring(0, optionalDigitPos).Any(IsDigitFamily)) error = "D3090";
                optionalDigitPos = parts.FractionalPart.LastIndexOf(digit, StringComparison.Ordinal);
                if (optionalDigitPos != -1 && parts.FractionalPart.Substring(optionalDigitPos).Any(IsDigitFamily)) error = "D3091";
                bool exponentExists = parts.ExponentPart != null;
                if (exponentExists && parts.ExponentPart!.Length > 0
                    && (subpicture.IndexOf(percent, StringComparison.Ordinal) != -1 || subpicture.IndexOf(perMille, StringComparison.Ordinal) != -1)) error = "D3092";
                if (exponentExists && (parts.ExponentPart!.Length == 0 || parts.ExponentPart.Any(ch => !IsDigitFamily(ch)))) error = "D3093";
                if (error != null) throw new JError(error);
            }

            Variables Analyse(Parts parts)
            {
                List<int> GroupingPositions(string part, bool toLeft)
                {
                    var positions = new List<int>();
                    int groupingPosition = part.IndexOf(groupSep, StringComparison.Ordinal);
                    while (groupingPosition != -1)
                    {
                        string segment = toLeft ? part.Substring(0, groupingPosition) : part.Substring(groupingPosition);
                        positions.Add(segment.Count(ch => IsDigitFamily(ch) || ch.ToString() == digit));
                        groupingPosition = parts.IntegerPart.IndexOf(groupSep, groupingPosition + 1, StringComparison.Ordinal);
                    }
                    return positions;
                }
                var integerPositions = GroupingPositions(parts.IntegerPart, false);
                int Regular(List<int> indexes)
                {
                    if (indexes.Count == 0) return 0;
                    int factor = indexes.Aggregate(Gcd);
                    for (int index = 1; index <= indexes.Count; index++)
                        if (!indexes.Contains(index * factor)) return 0;
                    return factor;
                }
                int regularGrouping = Regular(integerPositions);
                var fractionalPositions = GroupingPositions(parts.FractionalPart, true);
                int minimumIntegerPartSize = parts.IntegerPart.Count(IsDigitFamily);
                int scalingFactor = minimumIntegerPartSize;
                int minimumFactionalPartSize = parts.FractionalPart.Count(IsDigitFamily);
                int maximumFactionalPartSize = parts.FractionalPart.Count(ch => IsDigitFamily(ch) || ch.ToString() == digit);
                bool exponentPresent = parts.ExponentPart != null;
                if (minimumIntegerPartSize == 0 && maximumFactionalPartSize == 0)
                {
                    if (exponentPresent)
                    {
                        minimumFactionalPartSize = 1;
                        maximumFactionalPartSize = 1;
                    }
                    else
                    {
                        minimumIntegerPartSize = 1;
                    }
                }
                if (exponentPresent && minimumIntegerPartSize == 0 && parts.IntegerPart.IndexOf(digit, StringComparison.Ordinal) != -1) minimumIntegerPartSize = 1;
                if (minimumIntegerPartSize == 0 && minimumFactionalPartSize == 0) minimumFactionalPartSize = 1;
                int minimumExponentSize = exponentPresent ? parts.ExponentPart!.Count(IsDigitFamily) : 0;
                return new Variables
                {
                    IntegerPartGroupingPositions = integerPositions,
                    RegularGrouping = regularGrouping,
                    MinimumIntegerPartSize = minimumIntegerPartSize,
                    ScalingFactor = scalingFactor,
                    Prefix = parts.Prefix,
                    FractionalPartGroupingPositions = fractionalPositions,
                    MinimumFactionalPartSize = minimumFactionalPartSize,
                    MaximumFactionalPartSize = maximumFactionalPartSize,
                    MinimumExponentSize = minimumExponentSize,
                    Suffix = parts.Suffix,
                    Picture = parts.Subpicture,
                };
            }

            var partsList = subPictures.Select(SplitParts).ToList();
            foreach (var p in partsList) Validate(p);
            var variables = partsList.Select(Analyse).ToList();
            if (variables.Count == 1)
            {
                var v0 = variables[0];
                variables.Add(new Variables
                {
                    IntegerPartGroupingPositions = new List<int>(v0.IntegerPartGroupingPositions),
                    RegularGrouping = v0.RegularGrouping,
                    MinimumIntegerPartSize = v0.MinimumIntegerPartSize,
                    ScalingFactor = v0.ScalingFactor,
                    Prefix = minus + v0.Prefix,
                    FractionalPartGroupingPositions = new List<int>(v0.FractionalPartGroupingPositions),
                    MinimumFactionalPartSize = v0.MinimumFactionalPartSize,
                    MaximumFactionalPartSize = v0.MaximumFactionalPartSize,
                    MinimumExponentSize = v0.MinimumExponentSize,
                    Suffix = v0.Suffix,
                    Picture = v0.Picture,
                });
            }

            var pic = value >= 0 ? variables[0] : variables[1];
            double adjustedNumber;
            if (pic.Picture.IndexOf(percent, StringComparison.Ordinal) != -1) adjustedNumber = value * 100;
            else if (pic.Picture.IndexOf(perMille, StringComparison.Ordinal) != -1) adjustedNumber = value * 1000;
            else adjustedNumber = value;

            double mantissa;
            double? exponent = null;
            if (pic.MinimumExponentSize == 0)
            {
                mantissa = adjustedNumber;
            }
            else
            {
                double maxMantissa = Math.Pow(10, pic.ScalingFactor);
                double minMantissa = Math.Pow(10, pic.ScalingFactor - 1);
                mantissa = adjustedNumber;
                double e = 0;
                if (mantissa != 0)
                {
                    while (Math.Abs(mantissa) < minMantissa)
                    {
                        mantissa *= 10;
                        e -= 1;
                    }
                    while (Math.Abs(mantissa) > maxMantissa)
                    {
                        mantissa /= 10;
                        e += 1;
                    }
                }
                exponent = e;
            }

            double roundedNumber = Functions.Round(mantissa, pic.MaximumFactionalPartSize);
            string MakeString(double v, int dp)
            {
                string str = ToFixed(Math.Abs(v), dp);
                if (zeroCharCode != '0')
                {
                    var sb = new StringBuilder();
                    foreach (char c in str) sb.Append(c >= '0' && c <= '9' ? decimalDigitFamily[c - '0'] : c.ToString());
                    str = sb.ToString();
                }
                return str;
            }

            string stringValue = MakeString(roundedNumber, pic.MaximumFactionalPartSize);
            int dpos = stringValue.IndexOf('.');
            if (dpos == -1) stringValue += decimalSep;
            else stringValue = stringValue.Substring(0, dpos) + decimalSep + stringValue.Substring(dpos + 1);
            while (stringValue.StartsWith(zeroDigit, StringComparison.Ordinal)) stringValue = stringValue.Substring(zeroDigit.Length);
            while (stringValue.EndsWith(zeroDigit, StringComparison.Ordinal)) stringValue = stringValue.Substring(0, stringValue.Length - zeroDigit.Length);
            int decimalPos = stringValue.IndexOf(decimalSep, StringComparison.Ordinal);
            int padLeft = pic.MinimumIntegerPartSize - decimalPos;
            int padRight = pic.MinimumFactionalPartSize - (stringValue.Length - decimalPos - 1);
            stringValue = (padLeft > 0 ? Repeat(zeroDigit, padLeft) : "") + stringValue;
            stringValue += padRight > 0 ? Repeat(zeroDigit, padRight) : "";
            decimalPos = stringValue.IndexOf(decimalSep, StringComparison.Ordinal);
            if (pic.RegularGrouping > 0)
            {
                int groupCount = (decimalPos - 1) / pic.RegularGrouping;
                for (int group = 1; group <= groupCount; group++)
                {
                    int at = decimalPos - group * pic.RegularGrouping;
                    stringValue = stringValue.Substring(0, at) + groupSep + stringValue.Substring(at);
                }
            }
            else
            {
                foreach (int p in pic.IntegerPartGroupingPositions)
                {
                    int at = Math.Max(0, decimalPos - p);
                    stringValue = stringValue.Substring(0, at) + groupSep + stringValue.Substring(at);
                    decimalPos++;
                }
            }
            decimalPos = stringValue.IndexOf(decimalSep, StringComparison.Ordinal);
            foreach (int p in pic.FractionalPartGroupingPositions)
            {
                int at = Math.Min(stringValue.Length, p + decimalPos + 1);
                stringValue = stringValue.Substring(0, at) + groupSep + stringValue.Substring(at);
            }
            decimalPos = stringValue.IndexOf(decimalSep, StringComparison.Ordinal);
            if (pic.Picture.IndexOf(decimalSep, StringComparison.Ordinal) == -1 || decimalPos == stringValue.Length - 1)
                stringValue = stringValue.Substring(0, stringValue.Length - 1);
            if (exponent != null)
            {
                string stringExponent = MakeString(exponent.Value, 0);
                padLeft = pic.MinimumExponentSize - stringExponent.Length;
                if (padLeft > 0) stringExponent = Repeat(zeroDigit, padLeft) + stringExponent;
                stringValue = stringValue + expSep + (exponent < 0 ? minus : "") + stringExponent;
            }
            return pic.Prefix + stringValue + pic.Suffix;
        }

        private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

        private static string Repeat(string s, int n)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < n; i++) sb.Append(s);
            return sb.ToString();
        }

        /// <summary>JavaScript's Number.prototype.toFixed for non-negative values.</summary>
        internal static string ToFixed(double v, int dp)
        {
            if (v >= 1e21) return JsonataNumberText.Format(v);
            // toFixed rounds the exact binary value half up; decimal has enough precision for the values JSONata formats.
            if (v < 7.9e27)
            {
                decimal d = (decimal)v;
                if (dp <= 28)
                {
                    decimal r = Math.Round(d, Math.Min(dp, 28), MidpointRounding.AwayFromZero);
                    return r.ToString("F" + dp.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                }
            }
            return v.ToString("F" + dp.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
    }
}
