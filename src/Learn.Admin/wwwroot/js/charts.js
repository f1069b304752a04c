// Charts on admin pages. Data comes from <script type="application/json"> blocks the page renders,
// so no inline script is needed (the site's Content-Security-Policy forbids it).
(function () {
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var font = { fontFamily: '"WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif' };

  var branch = data('branch-chart-data');
  var target = document.getElementById('branch-chart');
  if (branch && target && window.echarts) {
    var chart = echarts.init(target);
    chart.setOption({
      textStyle: font,
      color: ['#b71c1c', '#f5c242'],
      tooltip: { trigger: 'axis' },
      legend: { data: ['在册党员', '已绑定微信'] },
      grid: { left: 48, right: 24, bottom: 80 },
      xAxis: { type: 'category', data: branch.branches, axisLabel: { interval: 0, rotate: branch.branches.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '在册党员', type: 'bar', data: branch.members },
        { name: '已绑定微信', type: 'bar', data: branch.bound }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
    target.setAttribute('data-rendered', 'true');
  }
})();

// Study participation per branch and day (line per branch).
(function () {
  var el = document.getElementById('trend-chart-data');
  var target = document.getElementById('trend-chart');
  if (!el || !target || !window.echarts) return;
  var trend = JSON.parse(el.textContent);
  var chart = echarts.init(target);
  chart.setOption({
    textStyle: { fontFamily: '"WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif' },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: trend.days, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1, name: '人' },
    series: trend.series.map(function (s) { return { name: s.name, type: 'line', smooth: true, data: s.data }; })
  });
  window.addEventListener('resize', function () { chart.resize(); });
  target.setAttribute('data-rendered', 'true');
})();
