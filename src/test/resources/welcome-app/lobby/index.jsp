<%-- source of /lobby/index.jsp: never compiled, WelcomeApp maps *.jsp to a stand-in for a JSP engine. The file is here
     because both containers serve a welcome file only when it exists. --%>
