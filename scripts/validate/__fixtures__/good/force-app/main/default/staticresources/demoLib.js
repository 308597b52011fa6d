(function(){window.demoLib={version:1};})();
