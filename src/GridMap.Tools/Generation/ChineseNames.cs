using System.Text;

namespace GridMap.Tools.Generation;

/// <summary>
/// Names for people, places and roads. Everything here is made up from common characters: the
/// people do not exist, and the village, community, road and estate names are fictional even
/// where they sound like (or happen to match) real places in Huizhou.
/// </summary>
internal static class ChineseNames
{
    // Common surnames with rough national weights (per mille), enough for a realistic mix.
    private static readonly (string Surname, int Weight)[] s_surnames =
    [
        ("王", 72), ("李", 72), ("张", 68), ("刘", 54), ("陈", 54), ("杨", 32), ("黄", 25), ("赵", 23), ("吴", 21),
        ("周", 21), ("徐", 17), ("孙", 16), ("马", 15), ("朱", 14), ("胡", 13), ("郭", 12), ("何", 12), ("高", 12),
        ("林", 12), ("罗", 11), ("郑", 11), ("梁", 10), ("谢", 8), ("宋", 8), ("唐", 8), ("许", 7), ("韩", 7),
        ("冯", 7), ("邓", 7), ("曹", 7), ("彭", 6), ("曾", 6), ("肖", 6), ("田", 6), ("董", 6), ("袁", 5), ("潘", 5),
        ("于", 5), ("蒋", 5), ("蔡", 5), ("余", 5), ("杜", 5), ("叶", 5), ("程", 5), ("苏", 4), ("魏", 4), ("吕", 4),
        ("丁", 4), ("任", 4), ("沈", 4), ("姚", 4), ("卢", 4), ("姜", 4), ("崔", 4), ("钟", 4), ("谭", 4), ("陆", 3),
        ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3), ("韦", 3), ("付", 3), ("方", 3),
        ("白", 3), ("邹", 3), ("孟", 3), ("熊", 3), ("秦", 3), ("邱", 3), ("江", 3), ("尹", 3), ("薛", 2), ("段", 2),
        ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2),
        ("龚", 2), ("邵", 2), ("万", 2), ("覃", 2), ("武", 2), ("戴", 2), ("莫", 2), ("孔", 2), ("向", 2), ("汤", 2),
    ];

    private static readonly int s_surnameTotal = s_surnames.Sum(s => s.Weight);

    // Surnames common among the old lineages of Huizhou villages; each village gets a couple.
    public static readonly string[] LineageSurnames =
        ["叶", "李", "黄", "陈", "张", "钟", "曾", "刘", "罗", "邓", "杨", "林", "何", "朱", "江", "廖", "古", "骆", "卓", "温"];

    private const string MaleCharacters = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋勋振建国志文海东峰晨阳锋成斌坤雄庆彬卫兵德春生荣光新永胜祥宏亮";
    private const string FemaleCharacters = "芳娜敏静丽艳娟霞秀玲桂英红梅兰琳燕萍雪倩婷慧琴颖晶佳欣怡薇莉蓉洁云月凤珍翠丹玉莹红霞嘉琪雨萱梓涵诗晴";

    public static string Surname(Random random)
    {
        var roll = random.Next(s_surnameTotal);
        foreach (var (surname, weight) in s_surnames)
        {
            if (roll < weight)
            {
                return surname;
            }

            roll -= weight;
        }

        return s_surnames[0].Surname;
    }

    public static string GivenName(Random random, char gender)
    {
        var pool = gender == 'M' ? MaleCharacters : FemaleCharacters;
        return random.NextDouble() < 0.22
            ? pool[random.Next(pool.Length)].ToString()
            : string.Concat(pool[random.Next(pool.Length)], pool[random.Next(pool.Length)]);
    }

    public static string FullName(Random random, char gender) => Surname(random) + GivenName(random, gender);

    public static string Phone(Random random)
    {
        string[] prefixes = ["134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "176", "177",
            "180", "181", "182", "183", "186", "187", "188", "189", "191", "198", "199", "130", "131", "132", "155", "156"];
        return prefixes[random.Next(prefixes.Length)] + random.Next(0, 100_000_000).ToString("00000000");
    }

    /// <summary>Chinese numerals for 1..9999 as used in lane names (三巷, 十二巷, 一百零五巷).</summary>
    public static string Numeral(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(n));
        }

        if (n < 10)
        {
            return digits[n].ToString();
        }

        if (n < 20)
        {
            return "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
        }

        var sb = new StringBuilder();
        var units = new[] { (1000, "千"), (100, "百"), (10, "十") };
        var pendingZero = false;
        var rest = n;
        foreach (var (value, name) in units)
        {
            var d = rest / value;
            rest %= value;
            if (d > 0)
            {
                if (pendingZero)
                {
                    sb.Append('零');
                    pendingZero = false;
                }

                sb.Append(digits[d]).Append(name);
            }
            else if (sb.Length > 0)
            {
                pendingZero = true;
            }
        }

        if (rest > 0)
        {
            if (pendingZero)
            {
                sb.Append('零');
            }

            sb.Append(digits[rest]);
        }

        return sb.ToString();
    }

    // Characters that read well in place names (roads, villages, estates).
    private const string PlaceCharacters = "金源鸿星湖岗石华兴祥福安和康泰宁盛榕荔桂龙凤翠丰裕景乐新东南西北长平永昌明光瑞隆阳水山岭塘田围坑坪湾沙溪";

    /// <summary>A two-character place stem not yet in <paramref name="used"/> (e.g. 金源, 翠湖).</summary>
    public static string PlaceStem(Random random, ISet<string> used)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stem = string.Concat(PlaceCharacters[random.Next(PlaceCharacters.Length)], PlaceCharacters[random.Next(PlaceCharacters.Length)]);
            if (stem[0] != stem[1] && used.Add(stem))
            {
                return stem;
            }

            if (attempt > 10_000)
            {
                throw new InvalidOperationException("ran out of place names");
            }
        }
    }

    /// <summary>
    /// The demo street's eleven villages and communities (fictional, modelled on the kind of
    /// names found around 小金口). Communities are listed first.
    /// </summary>
    public static readonly (string Name, bool IsCommunity)[] DemoFirstLevel =
    [
        ("小金口社区", true), ("金源社区", true), ("金鸿社区", true), ("金星社区", true),
        ("白石村", false), ("长湖村", false), ("柏岗村", false), ("乌石村", false), ("南岭村", false), ("汤泉村", false), ("东坑村", false),
    ];

    private static readonly string[] s_estateSuffixes = ["花园", "华庭", "雅苑", "名都", "豪庭", "新城", "家园", "公馆", "御景", "山庄"];

    public static string EstateName(Random random, ISet<string> used)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = PlaceStem(random, new HashSet<string>()) + s_estateSuffixes[random.Next(s_estateSuffixes.Length)];
            if (used.Add(name) || attempt > 200)
            {
                return name;
            }
        }
    }

    private static readonly string[] s_clusterPrefixes =
    [
        "", "东", "西", "南", "北", "新村", "老围", "上围", "下围", "中心", "东风", "红星", "向阳", "和平", "前进", "光明",
        "胜利", "团结", "福田", "兴隆", "长安", "富民", "振兴", "东方", "南华", "北山", "塘尾", "塘头", "岭下", "岭背",
    ];

    /// <summary>The prefix of the lanes of a village's n-th urban-village block: "", 东, 西, … then 东二区 …</summary>
    public static string LaneClusterPrefix(int index)
    {
        var round = index / s_clusterPrefixes.Length;
        var prefix = s_clusterPrefixes[index % s_clusterPrefixes.Length];
        return round == 0 ? prefix : (prefix.Length == 0 ? "新" : prefix) + Numeral(round + 1) + "区";
    }
}
