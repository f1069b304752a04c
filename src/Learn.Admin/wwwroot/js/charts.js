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
