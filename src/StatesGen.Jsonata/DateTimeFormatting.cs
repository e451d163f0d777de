using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace StatesGen.Jsonata
{
    /// <summary>
    /// $formatInteger, $parseInteger, $fromMillis, $toMillis and $now with XPath F&amp;O 3.1 picture strings, following
    /// jsonata-js src/datetime.js (including its quirks, e.g. how a negative timezone like -0530 is split).
    /// </summary>
    internal static class DateTimeFormatting
    {
        private static readonly string[] Few = { "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
            "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen" };
        private static readonly string[] Ordinals = { "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
            "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth" };
        private static readonly string[] Decades = { "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred" };
        private static readonly string[] Magnitudes = { "Thousand", "Million", "Billion", "Trillion" };
        private static readonly string[] Days = { "", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
        private static readonly string[] Months = { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" };
        private static readonly int[] DecimalGroups = { 0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10 };
        private static readonly Dictionary<string, double> WordValues = CreateWordValues();
        private const double MillisInADay = 86400000;

        private static Dictionary<string, double> CreateWordValues()
        {
            var d = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int i = 0; i < Few.Length; i++) d[Few[i].ToLowerInvariant()] = i;
            for (int i = 0; i < Ordinals.Length; i++) d[Ordinals[i].ToLowerInvariant()] = i;
            for (int i = 0; i < Decades.Length; i++)
            {
                string l = Decades[i].ToLowerInvariant();
                d[l] = (i + 2) * 10;
                d[l.Substring(0, l.Length - 1) + "ieth"] = d[l];
            }
            d["hundredth"] = 100;
            for (int i = 0; i < Magnitudes.Length; i++)
            {
                string l = Magnitudes[i].ToLowerInvariant();
                double v = Math.Pow(10, (i + 1) * 3);
                d[l] = v;
                d[l + "th"] = v;
            }
            return d;
        }

        // ------------------------------------------------------------------ words, roman, letters

        private static string NumberToWords(double value, bool ordinal)
        {
            string Lookup(double num, bool prev, bool ord)
            {
                string words;
                if (num <= 19)
                {
                    words = (prev ? " and " : "") + (ord ? Ordinals[(int)num] : Few[(int)num]);
                }
                else if (num < 100)
                {
                    int tens = (int)Math.Floor(num / 10);
                    double remainder = num % 10;
                    words = (prev ? " and " : "") + Decades[tens - 2];
                    if (remainder > 0) words += "-" + Lookup(remainder, false, ord);
                    else if (ord) words = words.Substring(0, words.Length - 1) + "ieth";
                }
                else if (num < 1000)
                {
                    int hundreds = (int)Math.Floor(num / 100);
                    double remainder = num % 100;
                    words = (prev ? ", " : "") + Few[hundreds] + " Hundred";
                    if (remainder > 0) words += Lookup(remainder, true, ord);
                    else if (ord) words += "th";
                }
                else
                {
                    int mag = (int)Math.Floor(Math.Log10(num) / 3);
                    if (mag > Magnitudes.Length) mag = Magnitudes.Length;
                    double factor = Math.Pow(10, mag * 3);
                    double mant = Math.Floor(num / factor);
                    double remainder = num - mant * factor;
                    words = (prev ? ", " : "") + Lookup(mant, false, false) + " " + Magnitudes[mag - 1];
                    if (remainder > 0) words += Lookup(remainder, true, ord);
                    else if (ord) words += "th";
                }
                return words;
            }
            return Lookup(value, false, ordinal);
        }

        private static double WordsToNumber(string text)
        {
            var parts = Regex.Split(text, @",\s|\sand\s|[\s\\-]");
            var segs = new List<double> { 0 };
            foreach (var part in parts)
            {
                double value = WordValues.TryGetValue(part, out var v) ? v : double.NaN;
                if (value < 100)
                {
                    double top = segs[segs.Count - 1];
                    segs.RemoveAt(segs.Count - 1);
                    if (top >= 1000)
                    {
                        segs.Add(top);
                        top = 0;
                    }
                    segs.Add(top + value);
                }
                else
                {
                    double top = segs[segs.Count - 1];
                    segs[segs.Count - 1] = top * value;
                }
            }
            return segs.Sum();
        }

        private static readonly (int Value, string Numeral)[] RomanNumerals =
        {
            (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
        };

        private static string DecimalToRoman(double value)
        {
            var sb = new StringBuilder();
            while (true)
            {
                bool found = false;
                foreach (var (v, numeral) in RomanNumerals)
                {
                    if (value >= v)
                    {
                        sb.Append(numeral);
                        value -= v;
                        found = true;
                        break;
                    }
                }
                if (!found) return sb.ToString();
            }
        }

        private static double RomanToDecimal(string roman)
        {
            double dec = 0, max = 1;
            for (int i = roman.Length - 1; i >= 0; i--)
            {
                double value;
                switch (roman[i])
                {
                    case 'M': value = 1000; break;
                    case 'D': value = 500; break;
                    case 'C': value = 100; break;
                    case 'L': value = 50; break;
                    case 'X': value = 10; break;
                    case 'V': value = 5; break;
                    case 'I': value = 1; break;
                    default: value = double.NaN; break;
                }
                if (value < max) dec -= value;
                else
                {
                    max = value;
                    dec += value;
                }
            }
            return dec;
        }

        private static string DecimalToLetters(double value, char aChar)
        {
            var letters = new StringBuilder();
            while (value > 0)
            {
                letters.Insert(0, (char)((value - 1) % 26 + aChar));
                value = Math.Floor((value - 1) / 26);
            }
            return letters.ToString();
        }

        private static double LettersToDecimal(string letters, char aChar)
        {
            double dec = 0;
            for (int i = 0; i < letters.Length; i++) dec += (letters[letters.Length - i - 1] - aChar + 1) * Math.Pow(26, i);
            return dec;
        }

        // ------------------------------------------------------------------ integer pictures

        private enum Primary { Decimal, Letters, Roman, Words, Sequence }

        private enum Case { Upper, Lower, Title }

        private sealed class Separator
        {
            public int Position;
            public string Character = "";
        }

        private sealed class IntegerFormat
        {
            public Primary Primary = Primary.Decimal;
            public Case Case = Case.Lower;
            public bool Ordinal;
            public int ZeroCode = 0x30;
            public int MandatoryDigits;
            public int OptionalDigits;
            public bool Regular;
            public List<Separator> Separators = new List<Separator>();
            public Separator? RegularSeparator;
            public string Token = "";
            public int ParseWidth;

            public IntegerFormat Clone()
            {
                var c = (IntegerFormat)MemberwiseClone();
                c.Separators = new List<Separator>(Separators);
                return c;
            }
        }

        public static object? FormatInteger(double value, string picture)
        {
            value = Math.Floor(value);
            return Format(value, AnalyseIntegerPicture(picture));
        }

        private static string Format(double value, IntegerFormat format)
        {
            string formatted = "";
            bool negative = value < 0;
            value = Math.Abs(value);
            switch (format.Primary)
            {
                case Primary.Letters:
                    formatted = DecimalToLetters(value, format.Case == Case.Upper ? 'A' : 'a');
                    break;
                case Primary.Roman:
                    formatted = DecimalToRoman(value);
                    if (format.Case == Case.Upper) formatted = formatted.ToUpperInvariant();
                    break;
                case Primary.Words:
                    formatted = NumberToWords(value, format.Ordinal);
                    if (format.Case == Case.Upper) formatted = formatted.ToUpperInvariant();
                    else if (format.Case == Case.Lower) formatted = formatted.ToLowerInvariant();
                    break;
                case Primary.Decimal:
                    {
                        formatted = JsonataNumberText.Format(value);
                        int padLength = format.MandatoryDigits - formatted.Length;
                        if (padLength > 0) formatted = new string('0', padLength) + formatted;
                        if (format.ZeroCode != 0x30)
                        {
                            var sb = new StringBuilder();
                            foreach (char c in formatted) sb.Append(char.ConvertFromUtf32(c + format.ZeroCode - 0x30));
                            formatted = sb.ToString();
                        }
                        if (format.Regular)
                        {
                            int pos0 = format.RegularSeparator!.Position;
                            int n = (formatted.Length - 1) / pos0;
                            for (int ii = n; ii > 0; ii--)
                            {
                                int pos = formatted.Length - ii * pos0;
                                formatted = formatted.Substring(0, pos) + format.RegularSeparator.Character + formatted.Substring(pos);
                            }
                        }
                        else
                        {
                            var seps = new List<Separator>(format.Separators);
                            seps.Reverse();
                            foreach (var separator in seps)
                            {
                                int pos = formatted.Length - separator.Position;
                                if (pos < 0) pos = 0;
                                formatted = formatted.Substring(0, pos) + separator.Character + formatted.Substring(pos);
                            }
                        }
                        if (format.Ordinal)
                        {
                            char last = formatted[formatted.Length - 1];
                            string? suffix = last == '1' ? "st" : last == '2' ? "nd" : last == '3' ? "rd" : null;
                            if (suffix == null || (formatted.Length > 1 && formatted[formatted.Length - 2] == '1')) suffix = "th";
                            formatted += suffix;
                        }
                        break;
                    }
                case Primary.Sequence:
                    throw new JError("D3130").WithValue(format.Token);
            }
            return negative ? "-" + formatted : formatted;
        }

        private static IntegerFormat AnalyseIntegerPicture(string picture)
        {
            var format = new IntegerFormat();
            string primaryFormat;
            int semicolon = picture.LastIndexOf(';');
            if (semicolon == -1)
            {
                primaryFormat = picture;
            }
            else
            {
                primaryFormat = picture.Substring(0, semicolon);
                string modifier = picture.Substring(semicolon + 1);
                if (modifier.Length > 0 && modifier[0] == 'o') format.Ordinal = true;
            }
            switch (primaryFormat)
            {
                case "A": format.Case = Case.Upper; format.Primary = Primary.Letters; break;
                case "a": format.Primary = Primary.Letters; break;
                case "I": format.Case = Case.Upper; format.Primary = Primary.Roman; break;
                case "i": format.Primary = Primary.Roman; break;
                case "W": format.Case = Case.Upper; format.Primary = Primary.Words; break;
                case "Ww": format.Case = Case.Title; format.Primary = Primary.Words; break;
                case "w": format.Primary = Primary.Words; break;
                default:
                    {
                        int? zeroCode = null;
                        int mandatoryDigits = 0, optionalDigits = 0, separatorPosition = 0;
                        var groupingSeparators = new List<Separator>();
                        var codepoints = new List<int>();
                        for (int i = 0; i < primaryFormat.Length; i++)
                        {
                            int cp = char.ConvertToUtf32(primaryFormat, i);
                            if (char.IsHighSurrogate(primaryFormat[i])) i++;
                            codepoints.Add(cp);
                        }
                        codepoints.Reverse();
                        foreach (int codePoint in codepoints)
                        {
                            bool digit = false;
                            foreach (int group in DecimalGroups)
                            {
                                if (codePoint >= group && codePoint <= group + 9)
                                {
                                    digit = true;
                                    mandatoryDigits++;
                                    separatorPosition++;
                                    if (zeroCode == null) zeroCode = group;
                                    else if (group != zeroCode) throw new JError("D3131");
                                    break;
                                }
                            }
                            if (digit) continue;
                            if (codePoint == 0x23)
                            {
                                separatorPosition++;
                                optionalDigits++;
                            }
                            else
                            {
                                groupingSeparators.Add(new Separator { Position = separatorPosition, Character = char.ConvertFromUtf32(codePoint) });
                            }
                        }
                        if (mandatoryDigits > 0)
                        {
                            format.Primary = Primary.Decimal;
                            format.ZeroCode = zeroCode!.Value;
                            format.MandatoryDigits = mandatoryDigits;
                            format.OptionalDigits = optionalDigits;
                            int regular = RegularRepeat(groupingSeparators);
                            if (regular > 0)
                            {
                                format.Regular = true;
                                format.RegularSeparator = new Separator { Position = regular, Character = groupingSeparators[0].Character };
                            }
                            else
                            {
                                format.Regular = false;
                                format.Separators = groupingSeparators;
                            }
                        }
                        else
                        {
                            format.Primary = Primary.Sequence;
                            format.Token = primaryFormat;
                        }
                        break;
                    }
            }
            return format;
        }

        private static int RegularRepeat(List<Separator> separators)
        {
            if (separators.Count == 0) return 0;
            string sepChar = separators[0].Character;
            for (int ii = 1; ii < separators.Count; ii++) if (separators[ii].Character != sepChar) return 0;
            var indexes = separators.Select(s => s.Position).ToList();
            int factor = indexes.Aggregate(Gcd);
            for (int index = 1; index <= indexes.Count; index++) if (!indexes.Contains(index * factor)) return 0;
            return factor;
        }

        private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

        // ------------------------------------------------------------------ date/time pictures

        private sealed class Part
        {
            public bool Literal;
            public string Value = "";
            public char Component;
            public int? WidthMin;
            public int? WidthMax;
            public bool HasWidth;
            public string? Presentation1;
            public char? Presentation2;
            public bool Ordinal;
            public Case? Names;
            public IntegerFormat? IntegerFormat;
            public int N;
        }

        private static string? DefaultPresentation(char component)
        {
            switch (component)
            {
                case 'Y': case 'M': case 'D': case 'd': case 'W': case 'w': case 'X': case 'x': case 'H': case 'h': case 'f': return "1";
                case 'F': case 'P': case 'C': case 'E': return "n";
                case 'm': case 's': return "01";
                case 'Z': case 'z': return "01:01";
                default: return null;
            }
        }

        private static int? ParseWidth(string? wm)
        {
            if (wm == null || wm == "*") return null;
            var m = Regex.Match(wm, @"^\s*[+-]?\d+");
            return m.Success ? int.Parse(m.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite, CultureInfo.InvariantCulture) : (int?)null;
        }

        private static List<Part> AnalyseDateTimePicture(string picture)
        {
            var spec = new List<Part>();
            void AddLiteral(int s, int e)
            {
                if (e > s) spec.Add(new Part { Literal = true, Value = picture.Substring(s, e - s).Replace("]]", "]") });
            }
            int start = 0, pos = 0;
            while (pos < picture.Length)
            {
                if (picture[pos] == '[')
                {
                    if (pos + 1 < picture.Length && picture[pos + 1] == '[')
                    {
                        AddLiteral(start, pos);
                        spec.Add(new Part { Literal = true, Value = "[" });
                        pos += 2;
                        start = pos;
                        continue;
                    }
                    AddLiteral(start, pos);
                    start = pos;
                    pos = picture.IndexOf(']', start);
                    if (pos == -1) throw new JError("D3135");
                    string marker = Regex.Replace(picture.Substring(start + 1, pos - start - 1), @"\s+", "");
                    var def = new Part { Component = marker.Length > 0 ? marker[0] : '\0' };
                    int comma = marker.LastIndexOf(',');
                    string presMod;
                    if (comma != -1)
                    {
                        string widthMod = marker.Substring(comma + 1);
                        int dash = widthMod.IndexOf('-');
                        string? min, max = null;
                        if (dash == -1) min = widthMod;
                        else
                        {
                            min = widthMod.Substring(0, dash);
                            max = widthMod.Substring(dash + 1);
                        }
                        def.HasWidth = true;
                        def.WidthMin = ParseWidth(min);
                        def.WidthMax = ParseWidth(max);
                        presMod = marker.Substring(1, comma - 1);
                    }
                    else
                    {
                        presMod = marker.Length > 0 ? marker.Substring(1) : "";
                    }
                    if (presMod.Length == 1)
                    {
                        def.Presentation1 = presMod;
                    }
                    else if (presMod.Length > 1)
                    {
                        char lastChar = presMod[presMod.Length - 1];
                        if ("atco".IndexOf(lastChar) != -1)
                        {
                            def.Presentation2 = lastChar;
                            if (lastChar == 'o') def.Ordinal = true;
                            def.Presentation1 = presMod.Substring(0, presMod.Length - 1);
                        }
                        else
                        {
                            def.Presentation1 = presMod;
                        }
                    }
                    else
                    {
                        def.Presentation1 = DefaultPresentation(def.Component);
                    }
                    if (def.Presentation1 == null)
                        throw new JError("D3132").WithValue(def.Component.ToString());
                    if (def.Presentation1.Length > 0 && def.Presentation1[0] == 'n')
                    {
                        def.Names = Case.Lower;
                    }
                    else if (def.Presentation1.Length > 0 && def.Presentation1[0] == 'N')
                    {
                        def.Names = def.Presentation1.Length > 1 && def.Presentation1[1] == 'n' ? Case.Title : Case.Upper;
                    }
                    else if ("YMDdFWwXxHhmsf".IndexOf(def.Component) != -1)
                    {
                        string integerPattern = def.Presentation1;
                        if (def.Presentation2 != null) integerPattern += ";" + def.Presentation2;
                        def.IntegerFormat = AnalyseIntegerPicture(integerPattern);
                        if (def.HasWidth && def.WidthMin != null && def.IntegerFormat.MandatoryDigits < def.WidthMin)
                            def.IntegerFormat.MandatoryDigits = def.WidthMin.Value;
                        if (def.Component == 'Y')
                        {
                            def.N = -1;
                            if (def.HasWidth && def.WidthMax != null)
                            {
                                def.N = def.WidthMax.Value;
                                def.IntegerFormat.MandatoryDigits = def.N;
                            }
                            else
                            {
                                int w = def.IntegerFormat.MandatoryDigits + def.IntegerFormat.OptionalDigits;
                                if (w >= 2) def.N = w;
                            }
                        }
                        var previous = spec.Count > 0 ? spec[spec.Count - 1] : null;
                        if (previous?.IntegerFormat != null) previous.IntegerFormat.ParseWidth = previous.IntegerFormat.MandatoryDigits;
                    }
                    if (def.Component == 'Z' || def.Component == 'z') def.IntegerFormat = AnalyseIntegerPicture(def.Presentation1);
                    spec.Add(def);
                    start = pos + 1;
                }
                pos++;
            }
            AddLiteral(start, pos);
            return spec;
        }

        // ------------------------------------------------------------------ calendar arithmetic (proleptic Gregorian, UTC)

        private static double DaysFromCivil(double y, double m, double d)
        {
            y -= m <= 2 ? 1 : 0;
            double era = Math.Floor(y / 400);
            double yoe = y - era * 400;
            double doy = Math.Floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
            double doe = yoe * 365 + Math.Floor(yoe / 4) - Math.Floor(yoe / 100) + doy;
            return era * 146097 + doe - 719468;
        }

        /// <summary>JavaScript's Date.UTC (month zero-based; out-of-range fields roll over).</summary>
        internal static double DateUtc(double year, double month, double day = 1, double h = 0, double mi = 0, double s = 0, double ms = 0)
        {
            if (double.IsNaN(year) || double.IsNaN(month) || double.IsNaN(day) || double.IsNaN(h) || double.IsNaN(mi) || double.IsNaN(s) || double.IsNaN(ms))
                return double.NaN;
            year += Math.Floor(month / 12);
            month = ((month % 12) + 12) % 12;
            double days = DaysFromCivil(Math.Truncate(year), month + 1, 1) + Math.Truncate(day) - 1;
            return days * MillisInADay + Math.Truncate(h) * 3600000 + Math.Truncate(mi) * 60000 + Math.Truncate(s) * 1000 + Math.Truncate(ms);
        }

        private struct Civil
        {
            public double Year, Month, Day, Hours, Minutes, Seconds, Millis, WeekDay, Time;
        }

        private static Civil FromMillisUtc(double t)
        {
            double days = Math.Floor(t / MillisInADay);
            double msInDay = t - days * MillisInADay;
            double z = days + 719468;
            double era = Math.Floor(z / 146097);
            double doe = z - era * 146097;
            double yoe = Math.Floor((doe - Math.Floor(doe / 1460) + Math.Floor(doe / 36524) - Math.Floor(doe / 146096)) / 365);
            double y = yoe + era * 400;
            double doy = doe - (365 * yoe + Math.Floor(yoe / 4) - Math.Floor(yoe / 100));
            double mp = Math.Floor((5 * doy + 2) / 153);
            double d = doy - Math.Floor((153 * mp + 2) / 5) + 1;
            double m = mp < 10 ? mp + 3 : mp - 9;
            if (m <= 2) y += 1;
            return new Civil
            {
                Year = y,
                Month = m - 1,
                Day = d,
                Hours = Math.Floor(msInDay / 3600000),
                Minutes = Math.Floor(msInDay % 3600000 / 60000),
                Seconds = Math.Floor(msInDay % 60000 / 1000),
                Millis = msInDay % 1000,
                WeekDay = (((days + 4) % 7) + 7) % 7,
                Time = t,
            };
        }

        private static double StartOfFirstWeek(double year, double month)
        {
            double jan1 = DateUtc(year, month);
            double dayOfJan1 = FromMillisUtc(jan1).WeekDay;
            if (dayOfJan1 == 0) dayOfJan1 = 7;
            return dayOfJan1 > 4 ? jan1 + (8 - dayOfJan1) * MillisInADay : jan1 - (dayOfJan1 - 1) * MillisInADay;
        }

        private static double DeltaWeeks(double start, double end) => (end - start) / (MillisInADay * 7) + 1;

        private static object? Fragment(Civil date, char component)
        {
            switch (component)
            {
                case 'Y': return date.Year;
                case 'M': return date.Month + 1;
                case 'D': return date.Day;
                case 'd':
                    return (DateUtc(date.Year, date.Month, date.Day) - DateUtc(date.Year, 0)) / MillisInADay + 1;
                case 'F': return date.WeekDay == 0 ? 7 : date.WeekDay;
                case 'W':
                    {
                        double startOfWeek1 = StartOfFirstWeek(date.Year, 0);
                        double today = DateUtc(date.Year, date.Month, date.Day);
                        double week = DeltaWeeks(startOfWeek1, today);
                        if (week > 52)
                        {
                            if (today >= StartOfFirstWeek(date.Year + 1, 0)) week = 1;
                        }
                        else if (week < 1)
                        {
                            week = DeltaWeeks(StartOfFirstWeek(date.Year - 1, 0), today);
                        }
                        return Math.Floor(week);
                    }
                case 'w':
                    {
                        double startOfWeek1 = StartOfFirstWeek(date.Year, date.Month);
                        double today = DateUtc(date.Year, date.Month, date.Day);
                        double week = DeltaWeeks(startOfWeek1, today);
                        if (week > 4)
                        {
                            var (ny, nm) = date.Month == 11 ? (date.Year + 1, 0.0) : (date.Year, date.Month + 1);
                            if (today >= StartOfFirstWeek(ny, nm)) week = 1;
                        }
                        else if (week < 1)
                        {
                            var (py, pm) = date.Month == 0 ? (date.Year - 1, 11.0) : (date.Year, date.Month - 1);
                            week = DeltaWeeks(StartOfFirstWeek(py, pm), today);
                        }
                        return Math.Floor(week);
                    }
                case 'X':
                    {
                        double startOfIsoYear = StartOfFirstWeek(date.Year, 0);
                        double endOfIsoYear = StartOfFirstWeek(date.Year + 1, 0);
                        if (date.Time < startOfIsoYear) return date.Year - 1;
                        if (date.Time >= endOfIsoYear) return date.Year + 1;
                        return date.Year;
                    }
                case 'x':
                    {
                        double startOfIsoMonth = StartOfFirstWeek(date.Year, date.Month);
                        var (ny, nm) = date.Month == 11 ? (date.Year + 1, 0.0) : (date.Year, date.Month + 1);
                        double endOfIsoMonth = StartOfFirstWeek(ny, nm);
                        if (date.Time < startOfIsoMonth) return (date.Month == 0 ? 11 : date.Month - 1) + 1;
                        if (date.Time >= endOfIsoMonth) return nm + 1;
                        return date.Month + 1;
                    }
                case 'H': return date.Hours;
                case 'h':
                    {
                        double h = date.Hours % 12;
                        return h == 0 ? 12 : h;
                    }
                case 'P': return date.Hours >= 12 ? "pm" : "am";
                case 'm': return date.Minutes;
                case 's': return date.Seconds;
                case 'f': return date.Millis;
                case 'C': return "ISO";
                case 'E': return "ISO";
                default: return null;
            }
        }

        private static List<Part>? _iso8601Spec;

        public static object? FromMillis(double millis, string? picture, string? timezone)
        {
            double offsetHours = 0, offsetMinutes = 0;
            if (timezone != null)
            {
                double offset = JsParseInt(timezone);
                offsetHours = Math.Floor(offset / 100);
                offsetMinutes = offset % 100;
            }
            var spec = picture == null
                ? (_iso8601Spec ??= AnalyseDateTimePicture("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"))
                : AnalyseDateTimePicture(picture);
            double offsetMillis = (60 * offsetHours + offsetMinutes) * 60 * 1000;
            var dateTime = FromMillisUtc(millis + offsetMillis);
            var result = new StringBuilder();
            foreach (var part in spec)
            {
                if (part.Literal) result.Append(part.Value);
                else result.Append(FormatComponent(dateTime, part, offsetHours, offsetMinutes));
            }
            return result.ToString();
        }

        private static double JsParseInt(string s)
        {
            var m = Regex.Match(s, @"^\s*([+-]?\d+)");
            return m.Success ? double.Parse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : double.NaN;
        }

        private static string FormatComponent(Civil date, Part spec, double offsetHours, double offsetMinutes)
        {
            var componentValue = Fragment(date, spec.Component);
            if ("YMDdFWwXxHhms".IndexOf(spec.Component) != -1)
            {
                double v = Convert.ToDouble(componentValue, CultureInfo.InvariantCulture);
                if (spec.Component == 'Y' && spec.N != -1) v %= Math.Pow(10, spec.N);
                if (spec.Names != null)
                {
                    string name;
                    if (spec.Component == 'M' || spec.Component == 'x') name = Months[(int)v - 1];
                    else if (spec.Component == 'F') name = Days[(int)v];
                    else throw new JError("D3133").WithValue(spec.Component.ToString());
                    if (spec.Names == Case.Upper) name = name.ToUpperInvariant();
                    else if (spec.Names == Case.Lower) name = name.ToLowerInvariant();
                    if (spec.HasWidth && spec.WidthMax != null && name.Length > spec.WidthMax) name = name.Substring(0, spec.WidthMax.Value);
                    return name;
                }
                return Format(v, spec.IntegerFormat!);
            }
            if (spec.Component == 'f') return Format((double)componentValue!, spec.IntegerFormat!);
            if (spec.Component == 'Z' || spec.Component == 'z')
            {
                double offset = offsetHours * 100 + offsetMinutes;
                string value;
                var format = spec.IntegerFormat!;
                if (format.Regular)
                {
                    value = Format(offset, format);
                }
                else
                {
                    int numDigits = format.MandatoryDigits;
                    if (numDigits == 1 || numDigits == 2)
                    {
                        value = Format(offsetHours, format);
                        if (offsetMinutes != 0) value += ":" + FormatInteger(offsetMinutes, "00");
                    }
                    else if (numDigits == 3 || numDigits == 4)
                    {
                        value = Format(offset, format);
                    }
                    else
                    {
                        throw new JError("D3134").WithValue((double)numDigits);
                    }
                }
                if (offset >= 0) value = "+" + value;
                if (spec.Component == 'z') value = "GMT" + value;
                if (offset == 0 && spec.Presentation2 == 't') value = "Z";
                return value;
            }
            if (spec.Component == 'P')
            {
                string s = (string)componentValue!;
                return spec.Names == Case.Upper ? s.ToUpperInvariant() : s;
            }
            return componentValue switch
            {
                null => "undefined",
                string str => str,
                double d => JsonataNumberText.Format(d),
                _ => componentValue.ToString() ?? "",
            };
        }

        // ------------------------------------------------------------------ parsing

        private sealed class Matcher
        {
            public string Regex = "";
            public Func<string, double>? Parse;
            public char Component;
        }

        private static Matcher IntegerMatcher(IntegerFormat formatSpec)
        {
            var matcher = new Matcher();
            bool isUpper = formatSpec.Case == Case.Upper;
            switch (formatSpec.Primary)
            {
                case Primary.Letters:
                    matcher.Regex = isUpper ? "[A-Z]+" : "[a-z]+";
                    matcher.Parse = v => LettersToDecimal(v, isUpper ? 'A' : 'a');
                    break;
                case Primary.Roman:
                    matcher.Regex = isUpper ? "[MDCLXVI]+" : "[mdclxvi]+";
                    matcher.Parse = v => RomanToDecimal(isUpper ? v : v.ToUpperInvariant());
                    break;
                case Primary.Words:
                    matcher.Regex = "(?:" + string.Join("|", WordValues.Keys.Concat(new[] { "and", "[\\-, ]" })) + ")+";
                    matcher.Parse = v => WordsToNumber(v.ToLowerInvariant());
                    break;
                case Primary.Decimal:
                    matcher.Regex = "[0-9]" + (formatSpec.ParseWidth > 0 ? "{" + formatSpec.ParseWidth.ToString(CultureInfo.InvariantCulture) + "}" : "+");
                    if (formatSpec.Ordinal) matcher.Regex += "(?:th|st|nd|rd)";
                    matcher.Parse = v =>
                    {
                        string digits = v;
                        if (formatSpec.Ordinal) digits = v.Substring(0, v.Length - 2);
                        if (formatSpec.Regular) digits = digits.Replace(",", "");
                        else foreach (var sep in formatSpec.Separators) digits = digits.Replace(sep.Character, "");
                        if (formatSpec.ZeroCode != 0x30)
                        {
                            var sb = new StringBuilder();
                            foreach (char c in digits) sb.Append((char)(c - formatSpec.ZeroCode + 0x30));
                            digits = sb.ToString();
                        }
                        return JsParseInt(digits);
                    };
                    break;
                case Primary.Sequence:
                    throw new JError("D3130").WithValue(formatSpec.Token);
            }
            return matcher;
        }

        public static object? ParseInteger(string value, string picture)
        {
            var format = AnalyseIntegerPicture(picture);
            var matcher = IntegerMatcher(format);
            return Values.Number(matcher.Parse!(value));
        }

        private static readonly Regex Iso8601 = new Regex(@"^[0-9]{4}(-[01][0-9])?(-[0-3][0-9])?(T[0-2][0-9]:[0-5][0-9]:[0-5][0-9])?(\.[0-9]+)?([+-][0-2][0-9]:?[0-5][0-9]|Z)?$", RegexOptions.CultureInvariant);

        public static object? ToMillis(string timestamp, string? picture, Evaluation evaluation)
        {
            if (picture == null)
            {
                var m = Iso8601.Match(timestamp);
                if (!m.Success) throw new JError("D3110").WithValue(timestamp);
                return Values.Number(ParseIso(m));
            }
            var r = ParseDateTime(timestamp, picture, evaluation);
            return r is double d ? Values.Number(d) : null;
        }

        // Date.parse of the ISO 8601 forms jsonata accepts (date-only and date-time forms without offset taken as UTC).
        private static double ParseIso(Match m)
        {
            string s = m.Value;
            double year = double.Parse(s.Substring(0, 4), CultureInfo.InvariantCulture);
            double month = m.Groups[1].Success ? double.Parse(m.Groups[1].Value.Substring(1), CultureInfo.InvariantCulture) : 1;
            double day = m.Groups[2].Success ? double.Parse(m.Groups[2].Value.Substring(1), CultureInfo.InvariantCulture) : 1;
            double h = 0, mi = 0, sec = 0, ms = 0;
            if (m.Groups[3].Success)
            {
                var t = m.Groups[3].Value;
                h = double.Parse(t.Substring(1, 2), CultureInfo.InvariantCulture);
                mi = double.Parse(t.Substring(4, 2), CultureInfo.InvariantCulture);
                sec = double.Parse(t.Substring(7, 2), CultureInfo.InvariantCulture);
            }
            if (m.Groups[4].Success)
            {
                if (!m.Groups[3].Success) return double.NaN;
                string frac = (m.Groups[4].Value.Substring(1) + "000").Substring(0, 3);
                ms = double.Parse(frac, CultureInfo.InvariantCulture);
            }
            if (month < 1 || month > 12 || day < 1 || day > 31 || h > 24 || (h == 24 && (mi > 0 || sec > 0 || ms > 0))) return double.NaN;
            double result = DateUtc(year, month - 1, day, h, mi, sec, ms);
            if (m.Groups[5].Success && m.Groups[5].Value != "Z")
            {
                if (!m.Groups[3].Success) return double.NaN;
                string z = m.Groups[5].Value.Replace(":", "");
                double oh = double.Parse(z.Substring(1, 2), CultureInfo.InvariantCulture);
                double om = double.Parse(z.Substring(3, 2), CultureInfo.InvariantCulture);
                double sign = z[0] == '-' ? -1 : 1;
                result -= sign * (oh * 60 + om) * 60000;
            }
            return result;
        }

        private static object? ParseDateTime(string timestamp, string picture, Evaluation evaluation)
        {
            var formatSpec = AnalyseDateTimePicture(picture);
            var parts = new List<Matcher>();
            foreach (var part in formatSpec)
            {
                Matcher res;
                if (part.Literal)
                {
                    res = new Matcher { Regex = Regex.Escape(part.Value).Replace("]", "\\]").Replace("}", "\\}") };
                }
                else if (part.Component == 'Z' || part.Component == 'z')
                {
                    Separator? separator = part.IntegerFormat!.Regular ? part.IntegerFormat.RegularSeparator : null;
                    string rx = part.Component == 'z' ? "GMT" : "";
                    rx += "[-+][0-9]+";
                    if (separator != null) rx += Regex.Escape(separator.Character) + "[0-9]+";
                    char comp = part.Component;
                    res = new Matcher
                    {
                        Regex = rx,
                        Parse = value =>
                        {
                            if (comp == 'z') value = value.Substring(3);
                            double oh, om = 0;
                            if (separator != null)
                            {
                                int idx = value.IndexOf(separator.Character, StringComparison.Ordinal);
                                oh = JsParseInt(value.Substring(0, idx));
                                om = JsParseInt(value.Substring(idx + 1));
                            }
                            else
                            {
                                int numdigits = value.Length - 1;
                                if (numdigits <= 2) oh = JsParseInt(value);
                                else
                                {
                                    oh = JsParseInt(value.Substring(0, 3));
                                    om = JsParseInt(value.Substring(3));
                                }
                            }
                            return oh * 60 + om;
                        },
                    };
                }
                else if (part.Component == 'f')
                {
                    res = new Matcher
                    {
                        Regex = "[0-9]+",
                        Parse = value => double.Parse("0." + value.Substring(0, Math.Min(3, value.Length)), CultureInfo.InvariantCulture) * 1000,
                    };
                }
                else if (part.IntegerFormat != null)
                {
                    res = IntegerMatcher(part.IntegerFormat);
                }
                else
                {
                    var lookup = new Dictionary<string, double>(StringComparer.Ordinal);
                    if (part.Component == 'M' || part.Component == 'x')
                    {
                        for (int i = 0; i < Months.Length; i++)
                            lookup[part.HasWidth && part.WidthMax is int w ? Months[i].Substring(0, Math.Min(w, Months[i].Length)) : Months[i]] = i + 1;
                    }
                    else if (part.Component == 'F')
                    {
                        for (int i = 1; i < Days.Length; i++)
                            lookup[part.HasWidth && part.WidthMax is int w ? Days[i].Substring(0, Math.Min(w, Days[i].Length)) : Days[i]] = i;
                    }
                    else if (part.Component == 'P')
                    {
                        lookup["am"] = 0; lookup["AM"] = 0; lookup["pm"] = 1; lookup["PM"] = 1;
                    }
                    else
                    {
                        throw new JError("D3133").WithValue(part.Component.ToString());
                    }
                    res = new Matcher { Regex = "[a-zA-Z]+", Parse = value => lookup.TryGetValue(value, out var v) ? v : double.NaN };
                }
                res.Component = part.Component;
                parts.Add(res);
            }

            string fullRegex = "^" + string.Concat(parts.Select(p => "(" + p.Regex + ")")) + "$";
            var info = new Regex(fullRegex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant).Match(timestamp);
            if (!info.Success) return null;

            var components = new Dictionary<char, double>();
            for (int i = 1; i < info.Groups.Count; i++)
            {
                var mpart = parts[i - 1];
                if (mpart.Parse != null) components[mpart.Component] = mpart.Parse(info.Groups[i].Value);
            }
            if (components.Count == 0) return null;

            int mask = 0;
            void Shift(char part)
            {
                mask <<= 1;
                if (components.TryGetValue(part, out var v) && v != 0 && !double.IsNaN(v)) mask += 1;
            }
            bool IsType(int type) => (~type & mask) == 0 && (type & mask) != 0;

            foreach (char c in "YXMxWwdD") Shift(c);
            bool dateA = IsType(161);
            bool dateB = !dateA && IsType(130);
            bool dateC = IsType(84);
            bool dateD = !dateC && IsType(72);
            mask = 0;
            foreach (char c in "PHhmsf") Shift(c);
            bool timeA = IsType(23);
            bool timeB = !timeA && IsType(47);

            string dateComps = dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD";
            string timeComps = timeB ? "Phmsf" : "Hmsf";
            string comps = dateComps + timeComps;

            var now = FromMillisUtc(evaluation.Now.ToUnixTimeMilliseconds());
            bool startSpecified = false, endSpecified = false;
            foreach (char part in comps)
            {
                if (!components.ContainsKey(part))
                {
                    if (startSpecified)
                    {
                        components[part] = "MDd".IndexOf(part) != -1 ? 1 : 0;
                        endSpecified = true;
                    }
                    else
                    {
                        components[part] = Fragment(now, part) is double d ? d : 0;
                    }
                }
                else
                {
                    startSpecified = true;
                    if (endSpecified) throw new JError("D3136");
                }
            }

            double Get(char c) => components.TryGetValue(c, out var v) ? v : double.NaN;
            components['M'] = components.TryGetValue('M', out var month) && month > 0 ? month - 1 : 0;
            if (dateB)
            {
                double firstJan = DateUtc(Get('Y'), 0);
                var derived = FromMillisUtc(firstJan + (Get('d') - 1) * MillisInADay);
                components['M'] = derived.Month;
                components['D'] = derived.Day;
            }
            if (dateC || dateD) throw new JError("D3136");
            if (timeB)
            {
                components['H'] = Get('h') == 12 ? 0 : Get('h');
                if (components.TryGetValue('P', out var p) && p == 1) components['H'] += 12;
            }
            double millis = DateUtc(Get('Y'), Get('M'), Get('D'), Get('H'), Get('m'), Get('s'), Get('f'));
            double tz = components.TryGetValue('Z', out var zz) && zz != 0 ? zz : components.TryGetValue('z', out var zl) ? zl : 0;
            if (tz != 0 && !double.IsNaN(tz)) millis -= tz * 60 * 1000;
            return millis;
        }
    }
}
