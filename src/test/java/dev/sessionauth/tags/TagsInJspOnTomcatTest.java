package dev.sessionauth.tags;

import dev.sessionauth.testing.DeployedApp;
import dev.sessionauth.testing.TomcatWebApp;

/** The same tag library pages, the same assertions, on Tomcat 10.1 (deployed as a war folder with Jasper). */
class TagsInJspOnTomcatTest extends TagsInJsp {
    @Override
    DeployedApp.Deployer deployer() {
        return TomcatWebApp::start;
    }
}
