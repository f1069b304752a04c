using Learn.WeChat.MiniProgram;

namespace Learn.WeChat.Tests.MiniProgram;

public class MessageDataRulesTests
{
    [Theory]
    [InlineData("thing1", "二十个字以内的事项说明二十个字以内的事项")]
    [InlineData("character_string2", "ORDER-2024-0001")]
    [InlineData("number3", "12.5")]
    [InlineData("letter4", "ABC")]
    [InlineData("symbol5", "%")]
    [InlineData("phrase6", "已完成")]
    [InlineData("name7", "张三")]
    [InlineData("name8", "Li Lei")]
    [InlineData("time9", "15:01")]
    [InlineData("time10", "2019年10月1日 15:01~2019年10月1日 16:00")]
    [InlineData("date11", "2019年10月1日")]
    [InlineData("date12", "2024-07-01 09:30")]
    [InlineData("amount13", "¥100.50元")]
    [InlineData("phone_number14", "+86-010-12345678")]
    [InlineData("car_number15", "粤A12345")]
    public void Accepts_values_within_WeChat_limits(string key, string value)
        => MessageDataRules.Check(new Dictionary<string, string> { [key] = value }).ShouldBeEmpty();

    [Theory]
    [InlineData("thing1", "这是一个超过二十个字的事项说明会被微信拒绝掉的")]
    [InlineData("character_string2", "中文不行")]
    [InlineData("character_string2", "123456789012345678901234567890123")]
    [InlineData("number3", "12a")]
    [InlineData("phrase6", "已经全部完成了")]
    [InlineData("phrase6", "done")]
    [InlineData("name7", "一二三四五六七八九十一")]
    [InlineData("time9", "下午三点")]
    [InlineData("date11", "2019/10/01")]
    [InlineData("amount13", "一百元")]
    [InlineData("thing1", "")]
    [InlineData("unknown1", "x")]
    public void Refuses_values_WeChat_would_reject(string key, string value)
        => MessageDataRules.Check(new Dictionary<string, string> { [key] = value }).ShouldHaveSingleItem().ShouldStartWith(key);

    [Fact]
    public void Template_messages_follow_the_2023_rules()
    {
        var errors = MessageDataRules.Check(new Dictionary<string, string>
        {
            ["keyword1"] = "第一行\n第二行",
            ["keyword2"] = "这一段文字一共有二十一个字符会被微信截断掉的",
            ["first"] = "您好",
        }, templateMessage: true);
        errors.Count.ShouldBe(3);
        errors.ShouldContain(e => e.StartsWith("keyword1") && e.Contains("line breaks"));
        errors.ShouldContain(e => e.StartsWith("keyword2") && e.Contains("20 characters"));
        errors.ShouldContain(e => e.StartsWith("first"));
        MessageDataRules.Check(new Dictionary<string, string> { ["keyword1"] = "第一行\n第二行" }).ShouldBeEmpty();
    }
}
