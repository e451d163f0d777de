// JavaScript's Number.prototype.toString(), which JSONata uses wherever a number becomes text.
#nullable enable
using System;
using System.Globalization;
using System.Text;

namespace StatesGen.Jsonata
{
    /// <summary>Formats doubles exactly as JavaScript's <c>String(number)</c> does (ECMA-262 Number::toString).</summary>
    internal static class JsonataNumberText
    {
        /// <summary>The JavaScript text of <paramref name="value"/>.</summary>
        public static string Format(double value)
        {
            if (double.IsNaN(value)) return "NaN";
            if (double.IsPositiveInfinity(value)) return "Infinity";
            if (double.IsNegativeInfinity(value)) return "-Infinity";
            if (value == 0) return "0";
            if (value == Math.Floor(value) && Math.Abs(value) < 1e15) return ((long)value).ToString(CultureInfo.InvariantCulture);
            Decompose(value, out bool negative, out string digits, out int n);
            return Compose(negative, digits, n);
        }

        /// <summary>Splits a finite non-zero double into its shortest round-trip digits and decimal exponent:
        /// value = 0.digits × 10^n.</summary>
        public static void Decompose(double value, out bool negative, out string digits, out int n)
        {
            string r = value.ToString("R", CultureInfo.InvariantCulture);
            negative = r[0] == '-';
            if (negative) r = r.Substring(1);
            int exp = 0;
            int e = r.IndexOfAny(new[] { 'E', 'e' });
            if (e >= 0)
            {
                exp = int.Parse(r.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                r = r.Substring(0, e);
            }
            int dot = r.IndexOf('.');
            string intPart = dot >= 0 ? r.Substring(0, dot) : r;
            string fracPart = dot >= 0 ? r.Substring(dot + 1) : "";
            string all = intPart + fracPart;
            int pointPos = intPart.Length + exp;
            int lead = 0;
            while (lead < all.Length - 1 && all[lead] == '0') { lead++; pointPos--; }
            all = all.Substring(lead);
            all = all.TrimEnd('0');
            if (all.Length == 0) all = "0";
            digits = all;
            n = pointPos;
        }

        private static string Compose(bool negative, string digits, int n)
        {
            var sb = new StringBuilder();
            if (negative) sb.Append('-');
            int k = digits.Length;
            if (k <= n && n <= 21)
            {
                sb.Append(digits).Append('0', n - k);
            }
            else if (0 < n && n <= 21)
            {
                sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
            }
            else if (-6 < n && n <= 0)
            {
                sb.Append("0.").Append('0', -n).Append(digits);
            }
            else
            {
                int e = n - 1;
                sb.Append(digits[0]);
                if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
                sb.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }
    }
}
